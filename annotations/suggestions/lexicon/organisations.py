"""What makes a capitalised run an organisation, and organisations known by one word.

A run with one of `WORDS` is an organisation ("Port Authority", "Rhodium Group", "New York
Times"). `KNOWN` are organisations news names without such a word ("Reuters", "Pemex").
"""

from __future__ import annotations

WORDS: frozenset[str] = frozenset("""
agency agencies ministry ministries council councils group groups guard guards times
university universities college colleges school schools academy institute institution
institutions inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc
gmbh ag sa bank banks board boards committee committees commission commissions
department departments office bureau bureaus authority authorities court courts tribunal
parliament congress senate assembly legislature cabinet government administration party
parties union unions federation confederation association associations society
foundation fund trust network alliance coalition league organisation organization
organizations organisations force forces army navy police constabulary service services
agency institute centre center laboratory laboratories lab labs hospital hospitals clinic
church mosque diocese ministry airline airlines airways railway railways rail motors
energy oil petroleum gas power electric utilities holdings partners capital ventures
investments securities insurance pharmaceuticals pharma technologies technology systems
solutions industries enterprises media news post journal tribune herald gazette
chronicle telegraph guardian observer press courier mail star sun mirror
express standard record review bulletin examiner sentinel inquirer dispatch broadcasting television
radio studios
records club fc team council chamber reserve treasury mint customs corps
brigade regiment battalion division command cartel gang movement front brotherhood
secretariat directorate inspectorate registry commissioner's observatory museum library
compagnie société societe groupe banco banque gesellschaft verband partei ministerio
ministère ministerium universidad université universität instituto institut fundación
stiftung mutuelle coopérative cooperative co-operative sindicato syndicat gewerkschaft
bund amt bahn werke spa srl nv bv asa oy kg
zoo ports transit consultants consultancy associates solicitors architects engineers
laboratories kitchens bakery brewery dairy farms foods mills works forum forums
watch international ratings analytics logistics agence
""".split())

KNOWN: frozenset[str] = frozenset("""
reuters bloomberg afp ap apple google alphabet amazon microsoft meta facebook twitter
instagram tiktok youtube netflix tesla boeing airbus nvidia intel samsung sony toyota
honda volkswagen siemens shell bp exxonmobil chevron gazprom rosneft aramco pemex
petrobras walmart unilever nestlé nestle pfizer moderna astrazeneca novartis roche
interpol europol frontex nato opec unicef unesco oxfam greenpeace amnesty hamas
hezbollah taliban fifa uefa ioc nasa fbi cia nsa irs fda cdc epa sec ftc imf who wto
oecd nhs bbc cnn nbc cbs abc fox npr pbs usda dhs doj dod ice fema noaa nrc eu un
kremlin pentagon vatican politico axios propublica wikileaks openai anthropic uber lyft
airbnb spacex blackrock goldman jpmorgan citigroup hsbc barclays deutsche ubs rhodium
deloitte kpmg glencore hyundai nissan harvard
""".split()) | frozenset((
    "al jazeera", "carnegie mellon", "goldman sachs", "morgan stanley", "merrill lynch",
    "white house", "state department", "supreme court", "federal reserve", "european union",
    "united nations", "european commission", "world bank", "red cross", "scotland yard",
    "downing street", "the pentagon", "the kremlin",
))
"""Organisations news names without an organisation word; lowercase, compared
case-insensitively, by the whole name."""

SUFFIXES: frozenset[str] = frozenset("inc inc. corp corp. co co. ltd ltd. llc plc gmbh ag sa".split())
"""Legal forms that end an organisation's name ("Acme Corp.")."""
