"""The municipalities of the synthetic world: real AGS codes, districts, postcodes and dialling codes.

Coordinates are the approximate centres of the towns; districts carry an offset so venues of one
district lie near each other. Street names are plausible, not a survey of the real town.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    name: str
    postcode: str
    dlat: float
    dlon: float


@dataclass(frozen=True)
class Town:
    key: str
    name: str
    ags: str
    land: str            # slug of the Land, used for Land-wide directories
    land_name: str
    dialling: str        # area code without the leading 0
    lat: float
    lon: float
    weight: float        # share of offers: big towns publish more
    university: bool     # English welcome guides are common in university towns
    districts: tuple[District, ...]
    streets: tuple[str, ...]


def _d(spec: str) -> tuple[District, ...]:
    out = []
    for part in spec.split(";"):
        name, postcode, dlat, dlon = (p.strip() for p in part.split("|"))
        out.append(District(name, postcode, float(dlat), float(dlon)))
    return tuple(out)


def _s(spec: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in spec.split(";") if s.strip())


# Streets every German town has somewhere; each town adds its own below.
COMMON_STREETS = _s(
    "Bahnhofstraße; Schillerstraße; Goethestraße; Lessingstraße; Lindenallee; Kirchplatz; Hauptstraße;"
    "Friedrichstraße; Kastanienweg; Rosenstraße; Mühlenweg; Gartenstraße; Schulstraße; Am Markt;"
    "Ringstraße; Parkstraße; Bergstraße; Wilhelmstraße; Luisenstraße; Feldstraße; Birkenweg;"
    "Am Stadtpark; Waldstraße; Uhlandstraße; Humboldtstraße; Bismarckstraße; Beethovenstraße"
)

TOWNS: tuple[Town, ...] = (
    Town("kassel", "Kassel", "06611000", "hessen", "Hessen", "561", 51.3127, 9.4797, 1.3, True,
         _d("Mitte|34117|0|0; Nord-Holland|34127|0.018|0.004; Wesertor|34125|0.010|0.012;"
            "Bettenhausen|34123|0.005|0.035; Rothenditmold|34127|0.016|-0.012; Wehlheiden|34121|-0.010|-0.012;"
            "Vorderer Westen|34119|-0.002|-0.020; Oberzwehren|34134|-0.035|-0.010"),
         _s("Holländische Straße; Friedrich-Ebert-Straße; Wilhelmshöher Allee; Leipziger Straße;"
            "Weserstraße; Frankfurter Straße; Mittelfeldstraße; Hegelsbergstraße")),
    Town("erfurt", "Erfurt", "16051000", "thueringen", "Thüringen", "361", 50.9787, 11.0328, 1.2, True,
         _d("Altstadt|99084|0|0; Rieth|99089|0.025|0.010; Herrenberg|99099|-0.030|0.030;"
            "Johannesplatz|99086|0.012|0.018; Moskauer Platz|99091|0.030|-0.005; Krämpfervorstadt|99085|0.003|0.020;"
            "Daberstedt|99099|-0.015|0.020"),
         _s("Magdeburger Allee; Juri-Gagarin-Ring; Krämpferstraße; Stauffenbergallee; Johannesstraße;"
            "Moskauer Straße; Berliner Straße; Löberstraße")),
    Town("bielefeld", "Bielefeld", "05711000", "nrw", "Nordrhein-Westfalen", "521", 52.0302, 8.5325, 1.3, True,
         _d("Mitte|33602|0|0; Sennestadt|33689|-0.060|0.080; Brackwede|33647|-0.040|-0.010;"
            "Baumheide|33729|0.030|0.060; Stieghorst|33605|-0.005|0.050; Schildesche|33611|0.030|-0.010;"
            "Jöllenbeck|33739|0.070|-0.010"),
         _s("Herforder Straße; Jöllenbecker Straße; Detmolder Straße; Heeper Straße; Niedernstraße;"
            "Artur-Ladebeck-Straße; August-Bebel-Straße; Stapenhorststraße")),
    Town("freiburg", "Freiburg im Breisgau", "08311000", "bw", "Baden-Württemberg", "761", 47.9990, 7.8421, 1.3, True,
         _d("Altstadt|79098|0|0; Stühlinger|79106|0.002|-0.012; Weingarten|79114|-0.012|-0.030;"
            "Haslach|79115|-0.015|-0.020; Landwasser|79110|0.025|-0.045; Zähringen|79108|0.025|0.008;"
            "Brühl|79108|0.015|-0.005"),
         _s("Habsburgerstraße; Eschholzstraße; Sulzburger Straße; Basler Straße; Kaiser-Joseph-Straße;"
            "Wentzingerstraße; Lehener Straße; Staufener Straße")),
    Town("rostock", "Rostock", "13003000", "mv", "Mecklenburg-Vorpommern", "381", 54.0887, 12.1405, 1.2, True,
         _d("Stadtmitte|18055|0|0; Lütten Klein|18107|0.060|-0.050; Evershagen|18106|0.050|-0.060;"
            "Toitenwinkel|18147|0.040|0.050; Dierkow|18146|0.020|0.040; Groß Klein|18109|0.080|-0.060;"
            "Südstadt|18059|-0.015|-0.005; Kröpeliner-Tor-Vorstadt|18057|0.000|-0.020"),
         _s("Kröpeliner Straße; Doberaner Straße; Lange Straße; Warnowallee; Rügener Straße;"
            "Ernst-Barlach-Straße; Südring; Hamburger Straße")),
    Town("mainz", "Mainz", "07315000", "rlp", "Rheinland-Pfalz", "6131", 49.9929, 8.2473, 1.1, True,
         _d("Altstadt|55116|0|0; Neustadt|55118|0.012|-0.008; Gonsenheim|55124|0.010|-0.050;"
            "Mombach|55120|0.025|-0.040; Lerchenberg|55127|-0.030|-0.050; Hechtsheim|55129|-0.030|0.010"),
         _s("Kaiserstraße; Boppstraße; Rheinallee; Große Langgasse; Breite Straße; Hindenburgstraße;"
            "Am Gonsenheimer Spieß; Kurt-Schumacher-Straße")),
    Town("leipzig", "Leipzig", "14713000", "sachsen", "Sachsen", "341", 51.3397, 12.3731, 1.6, True,
         _d("Zentrum|04109|0|0; Grünau|04209|-0.020|-0.090; Connewitz|04277|-0.030|0.005;"
            "Volkmarsdorf|04315|0.005|0.040; Schönefeld|04347|0.030|0.040; Paunsdorf|04328|0.005|0.070;"
            "Lindenau|04177|0.000|-0.030; Plagwitz|04229|-0.010|-0.040"),
         _s("Eisenbahnstraße; Karl-Heine-Straße; Georg-Schwarz-Straße; Stuttgarter Allee; Wurzner Straße;"
            "Bornaische Straße; Lützner Straße; Riebeckstraße")),
    Town("goettingen", "Göttingen", "03159016", "nds", "Niedersachsen", "551", 51.5413, 9.9158, 0.9, True,
         _d("Innenstadt|37073|0|0; Grone|37081|0.000|-0.030; Weende|37077|0.030|0.000;"
            "Holtenser Berg|37079|0.025|-0.030; Geismar|37083|-0.025|0.010"),
         _s("Groner Landstraße; Weender Straße; Hannoversche Straße; Reinhäuser Landstraße; Godehardstraße;"
            "Kasseler Landstraße")),
    Town("marburg", "Marburg", "06534014", "hessen", "Hessen", "6421", 50.8021, 8.7667, 0.7, True,
         _d("Kernstadt|35037|0|0; Richtsberg|35039|-0.020|0.010; Waldtal|35039|0.020|0.010;"
            "Stadtwald|35037|-0.012|-0.020; Cappel|35043|-0.030|0.015"),
         _s("Universitätsstraße; Biegenstraße; Am Richtsberg; Frankfurter Straße; Ketzerbach; Weidenhäuser Straße")),
    Town("tuebingen", "Tübingen", "08416041", "bw", "Baden-Württemberg", "7071", 48.5216, 9.0576, 0.7, True,
         _d("Innenstadt|72070|0|0; Südstadt|72072|-0.010|0.005; Waldhäuser Ost|72076|0.015|0.010;"
            "Lustnau|72074|0.008|0.030; Derendingen|72072|-0.020|0.000"),
         _s("Mühlstraße; Hechinger Straße; Wilhelmstraße; Derendinger Straße; Nordring; Stuttgarter Straße")),
    Town("lueneburg", "Lüneburg", "03355022", "nds", "Niedersachsen", "4131", 53.2464, 10.4115, 0.7, True,
         _d("Altstadt|21335|0|0; Kaltenmoor|21337|-0.010|0.030; Kreideberg|21339|0.015|-0.010;"
            "Weststadt|21339|0.000|-0.020"),
         _s("Am Sande; Bardowicker Straße; Dahlenburger Landstraße; Stadtkoppel; Uelzener Straße")),
    Town("weimar", "Weimar", "16055000", "thueringen", "Thüringen", "3643", 50.9795, 11.3235, 0.6, True,
         _d("Innenstadt|99423|0|0; Weimar-West|99427|0.005|-0.030; Weimar-Nord|99427|0.020|0.000;"
            "Schöndorf|99427|0.035|0.010"),
         _s("Schopenhauerstraße; Marcel-Paul-Straße; Ettersburger Straße; Karl-Liebknecht-Straße; Erfurter Straße")),
    Town("landau", "Landau in der Pfalz", "07313000", "rlp", "Rheinland-Pfalz", "6341", 49.1983, 8.1180, 0.5, False,
         _d("Innenstadt|76829|0|0; Horst|76829|0.005|0.020; Queichheim|76829|-0.005|0.030;"
            "Wollmesheimer Höhe|76829|-0.010|-0.020"),
         _s("Marie-Curie-Straße; Königstraße; Queichheimer Hauptstraße; Reiterstraße; Westbahnstraße")),
    Town("greifswald", "Greifswald", "13075039", "mv", "Mecklenburg-Vorpommern", "3834", 54.0865, 13.3923, 0.5, True,
         _d("Innenstadt|17489|0|0; Schönwalde I|17491|-0.015|0.015; Schönwalde II|17491|-0.020|0.025;"
            "Ostseeviertel|17493|0.005|0.030"),
         _s("Lange Reihe; Makarenkostraße; Anklamer Straße; Wolgaster Straße; Karl-Marx-Platz")),
    Town("eberswalde", "Eberswalde", "12060052", "brandenburg", "Brandenburg", "3334", 52.8334, 13.8194, 0.45, False,
         _d("Stadtmitte|16225|0|0; Brandenburgisches Viertel|16227|0.010|-0.040; Westend|16225|0.005|-0.015;"
            "Finow|16227|0.010|-0.060"),
         _s("Eisenbahnstraße; Frankfurter Allee; Potsdamer Allee; Breite Straße; Heegermühler Straße")),
)

TOWN_BY_KEY = {town.key: town for town in TOWNS}
