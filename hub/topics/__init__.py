"""The declarative topic spec and the admin operations that apply it to a cluster."""
