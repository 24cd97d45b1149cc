"""Word classes that tell a place name from the organisation, event or person around it.

Each set is a general class of English words (heads of organisation names, titles, facility
heads, prepositions of location), never names seen in some article.
"""

from __future__ import annotations

# Capitalised words that make the capitalised name they sit in an organisation, brand, team,
# event or publication: "Air France", "Bank of England", "Ohio State University", "New York
# Times", "Dallas Police Department", "European Indoor Championships".
ORG_HEADS = frozenset({
    # companies, media
    "Air", "Airlines", "Airline", "Airways", "Aviation", "Aerospace", "Times", "News", "Post",
    "Herald", "Tribune", "Journal", "Gazette", "Daily", "Telegraph", "Chronicle", "Press",
    "Magazine", "Radio", "TV", "Television", "Network", "Broadcasting", "Media", "Bank",
    "Group", "Holdings", "Company", "Co", "Co.", "Corp", "Corp.", "Corporation", "Inc", "Inc.",
    "Ltd", "Ltd.", "LLC", "Plc", "PLC", "Partners", "Capital", "Energy", "Motors", "Railways",
    "Railway", "Rail", "Telecom", "Exchange", "Industries", "Enterprises", "Ventures", "Brands",
    "Records", "Studios", "Pictures", "Entertainment", "Foods", "Oil", "Gas", "Petroleum",
    "Pharmaceuticals", "Insurance", "Securities", "Investments", "Bancorp", "Stores",
    # institutions
    "University", "College", "Institute", "Academy", "School", "Schools", "Police",
    "Department", "Ministry", "Agency", "Authority", "Commission", "Committee", "Council",
    "Court", "Assembly", "Parliament", "Senate", "Congress", "Government", "Service",
    "Services", "Board", "Bureau", "Administration", "Army", "Navy", "Force", "Forces",
    "Guard", "Sheriff", "Office", "Embassy", "Consulate", "Prison", "Hospital", "Clinic",
    "Library", "Museum", "Center", "Centre", "Laboratory", "Observatory",
    # associations, parties, clubs
    "Foundation", "Fund", "Trust", "Association", "Society", "Federation", "Union", "League",
    "Alliance", "Coalition", "Party", "Movement", "Club", "Team", "Church", "Diocese",
    "Mission", "Chamber", "Initiative", "Project", "Program", "Programme", "Campaign",
    "Charity", "Workers", "Front", "Brigade", "Brigades",
    # sport and events
    "FC", "AFC", "United", "Rovers", "Wanderers", "Athletic", "Athletics", "Olympics", "Games", "Cup", "Championship", "Championships", "Open", "Marathon", "Series",
    "Bowl", "Classic", "Indoors", "Prix", "Festival", "Awards", "Award", "Prize",
    "Conference", "Summit", "Forum", "Expo", "Fair", "Show", "Week", "Competition", "Derby",
    "Tour", "Rally", "Race",
    # laws and agreements
    "Act", "Accord", "Agreement", "Treaty", "Declaration", "Protocol", "Convention", "Charter",
    "Plan", "Pact", "Resolution",
})  # fmt: skip

# Titles and offices after or before a place name; they end a name without making it an
# organisation's: "Texas Governor Greg Abbott", "Moscow Mayor", "US President".
TITLE_WORDS = frozenset({
    "President", "Vice", "Prime", "Minister", "Governor", "Gov", "Gov.", "Mayor", "Senator",
    "Sen", "Sen.", "Rep", "Rep.", "Representative", "Congressman", "Congresswoman",
    "Secretary", "Chancellor", "Premier", "King", "Queen", "Prince", "Princess", "Ambassador",
    "Consul", "General", "Attorney", "Judge", "Justice", "Deputy", "Director", "Commissioner",
    "Chairman", "Chairwoman", "Chief", "Leader", "Speaker", "Pope", "Cardinal", "Archbishop",
    "Bishop", "Sheikh", "Emir", "Sultan", "Foreign", "Defence", "Defense", "Interior",
    "Finance", "Health", "Trade", "Economy", "Officials", "Official",
    "Coach", "Captain", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
})  # fmt: skip

# Offices after a place name tell which kind of place it is: "New York Gov. Andrew Cuomo" is
# the state, "New York Mayor" the city.
OFFICE_HINTS = {
    "gov": "admin1", "gov.": "admin1", "governor": "admin1", "lt.": "admin1",
    "legislature": "admin1", "legislators": "admin1", "lawmakers": "admin1",
    "statehouse": "admin1", "mayor": "city", "councilman": "city", "councilwoman": "city",
}  # fmt: skip

# Titles and honorifics right before a name make it a person's: "Mr Palmer", "Sen. Graham".
HONORIFICS = frozenset({
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sen", "sen.", "rep", "rep.",
    "gov", "gov.", "sir", "dame", "lord", "lady", "judge", "coach", "officer", "sgt", "sgt.",
    "lt", "lt.", "capt", "capt.", "col", "col.", "gen", "gen.", "prof", "prof.", "rev", "rev.",
    "president", "prince", "princess", "king", "queen", "pope", "st", "saint", "father",
    "sister", "brother", "uncle", "aunt", "mother", "daughter", "son", "wife", "husband",
})  # fmt: skip

# A capitalised name ending in one of these is one landmark span ("Salt Palace", "Congo
# Square", "Pearson International Airport"), or starting with one of LEADS ("River Senne").
FACILITY_HEADS = frozenset({
    "Airport", "Airfield", "Park", "Square", "Plaza", "Stadium", "Arena", "Palace", "Castle",
    "Bridge", "Tunnel", "Avenue", "Ave", "Ave.", "Street", "St.", "Road", "Rd", "Rd.",
    "Boulevard", "Blvd", "Blvd.", "Lane", "Highway", "Hwy", "Hwy.", "Parkway", "Expressway",
    "Freeway", "Garden", "Gardens", "Cathedral", "Basilica", "Abbey", "Mosque", "Temple",
    "Synagogue", "Shrine", "Tower", "Towers", "Dam", "Canal", "Cemetery", "Zoo", "Mall",
    "Auditorium", "Theatre", "Theater", "Boathouse", "Monument", "Memorial", "Lighthouse",
    "Station", "Terminal", "Harbour", "Harbor", "Pier", "Wharf", "Beach", "Quarter",
    "Courthouse", "Capitol", "Coliseum", "Colosseum", "Racecourse", "Speedway", "Circuit",
    "Campus", "Barracks", "Base", "Hotel", "Casino", "Mine",
    # also organisation heads: a landmark only where the text places something at it
    "Center", "Centre", "Hall", "Library", "Museum", "Office", "House", "Building", "School",
    "Hospital", "Church", "Club", "College", "Prison",
})  # fmt: skip
# A facility head with the word before it that makes the pair an event, not a building: "a
# Community Open House", "the University Open Day" (a building is "the Opera House").
EVENT_COMPOUNDS = frozenset({("Open", "House"), ("Open", "Day"), ("Open", "Days")})
FACILITY_LEADS = frozenset({"River", "Lake", "Mount", "Mt", "Mt.", "Fort", "Port", "Cape"})
AMBIGUOUS_FACILITY_HEADS = FACILITY_HEADS & ORG_HEADS | {"House", "Building"}

# Lower-case prepositions that put what follows on a map: "in Paris", "near the border".
LOCATIVE_PREPS = frozenset({
    "in", "at", "on", "near", "from", "into", "onto", "across", "outside", "inside", "around",
    "through", "throughout", "toward", "towards", "within", "off", "along", "between",
    "beyond", "via", "past", "behind", "beside", "opposite", "over", "under", "above",
    "below", "northeast", "northwest", "southeast", "southwest", "north", "south", "east",
    "west", "outskirts", "downtown", "visit", "visited", "visiting", "entered", "reached",
    "left", "fled", "flew", "arrived", "landed", "returned", "traveled", "travelled",
})  # fmt: skip

# Nouns of a part of a place: "off the coast of Borneo", "the outskirts of Aleppo", "the north
# of England" put what follows on a map.
LOCATIVE_NOUNS = frozenset({
    "coast", "coasts", "coastline", "shore", "shores", "waters", "outskirts", "suburbs",
    "heart", "centre", "center", "interior", "mainland", "tip", "edge", "border", "borders",
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "north-east", "north-west", "south-east", "south-west", "streets", "skies", "airspace",
})  # fmt: skip

# Verbs of motion: "to X" after them puts X on the map ("dispatched to Vladivostok").
MOTION_LEMMAS = frozenset({
    "go", "come", "send", "dispatch", "move", "travel", "fly", "return", "deploy", "head",
    "flee", "arrive", "transfer", "drive", "bring", "evacuate", "relocate", "sail", "march",
    "walk", "ride", "commute", "migrate", "emigrate", "deport", "extradite", "airlift", "ship",
    "export", "import", "smuggle", "route", "divert", "redeploy", "trip", "journey", "visit",
    "flight", "road", "way", "trek", "voyage", "mission", "expedition",
})  # fmt: skip

# "the town of X", "villages of X and Y", "X province", "the Tremé neighborhood".
PLACE_TRIGGERS = frozenset({
    "town", "towns", "city", "cities", "village", "villages", "province", "provinces",
    "county", "counties", "district", "districts", "region", "regions", "state", "states",
    "island", "islands", "municipality", "municipalities", "suburb", "suburbs", "hamlet",
    "port", "neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "capital",
    "commune", "parish", "borough", "township", "prefecture", "governorate", "oblast",
    "settlement", "settlements", "camp", "river", "lake", "valley", "area", "enclave",
    "republic", "kingdom", "emirate", "territory", "peninsula", "mountain", "mountains",
})  # fmt: skip
# Triggers that name a part of a city: such an unknown place is drawn at the article's city.
SUBURB_TRIGGERS = frozenset({
    "neighborhood", "neighbourhood", "neighborhoods", "neighbourhoods", "suburb", "suburbs",
    "district", "quarter", "borough",
})  # fmt: skip

# Verbs whose subject is a speaker: a small town's name as their subject is a person's.
SPEECH_LEMMAS = frozenset({
    "say", "tell", "tweet", "write", "add", "recall", "explain", "note", "insist", "argue",
    "claim", "admit", "ask", "reply", "answer", "comment", "testify", "urge", "complain",
    "describe", "joke", "laugh", "smile", "shrug", "sing", "score", "play", "marry", "die",
})  # fmt: skip

# Lower-case words that join a capitalised name ("Bank of England", "Trinidad and Tobago").
NAME_CONNECTORS = frozenset({"of", "and", "&", "for", "de", "du", "la", "le", "von", "van",
                             "der", "del", "da", "y", "the", "-"})  # fmt: skip

# Capitalised words that describe a place without naming something else ("Kursk Oblast",
# "Rio Grande Valley", "SW Washington").
PLACE_WORDS = frozenset({
    "Oblast", "Krai", "Province", "Region", "County", "District", "City", "Township",
    "Parish", "Borough", "Prefecture", "Governorate", "Island", "Islands", "Isle", "Peninsula",
    "Valley", "Mountains", "Mountain", "Hills", "Coast", "Bay", "Sea", "Ocean", "River",
    "Lake", "Desert", "Strait", "Straits", "Gulf", "Channel", "Delta", "Basin", "Plain",
    "Plains", "Heights", "Springs", "Falls", "Forest", "Territory", "Territories", "Republic",
    "Kingdom", "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
    "Central", "Upper", "Lower", "Greater", "New", "Old", "Saint", "San", "Santa", "St",
    "Mount", "Fort", "Port", "Cape", "State", "SW", "NW", "NE", "SE", "N.", "S.", "E.", "W.",
})  # fmt: skip
