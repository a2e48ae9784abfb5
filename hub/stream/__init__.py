"""The faust stream worker: canonical topics in, the engine in the middle, derived topics out."""
