"""Capitalised words that name nobody: function words, the calendar, demonyms, events.

`FUNCTION` words begin sentences ("But", "The", "When"); `CALENDAR` are months, weekdays
and holidays; `DEMONYMS` are nationalities and other adjectives of belonging ("Mexican",
"Republican"); `NOT_ACTORS` are other capitals news uses that are neither people nor
organisations ("Covid", "Olympics", "Act"). All lowercase.
"""

from __future__ import annotations

FUNCTION: frozenset[str] = frozenset("""
a an the this that these those there here it its it's he she him her his hers they them
their theirs we us our ours i me my mine you your yours who whom whose which what when
where why how whether if then than so but and or nor yet for because since although
though while whilst as at by in on of to from with without within into onto upon about
above below after before during until till unless despite among amid between through
throughout across against along around beyond over under up down out off near not no
yes all any both each every either neither few many more most much some such other
another one two three four five six seven eight nine ten first second third last next
only also even still just already again ever never always often sometimes perhaps
maybe however meanwhile moreover furthermore nevertheless nonetheless instead indeed
otherwise thus hence therefore now today tonight yesterday tomorrow later earlier soon
once twice is are was were be been being am do does did done have has had having will
would shall should can could may might must let lets like unlike per via plus minus
according asked speaking told said says added madam
oh well ok okay yes no please thanks thank hello dear look see listen wait sure
everyone everybody everything nobody nothing someone somebody something anyone anybody
anything none whoever whatever wherever whenever
""".split())

GROUPS: frozenset[str] = frozenset("""
critics officials residents members analysts experts researchers scientists economists
lawyers prosecutors investigators workers parents teachers doctors nurses students pupils
passengers farmers voters protesters activists supporters opponents leaders authorities
sources witnesses neighbours neighbors locals families children councillors ministers
lawmakers legislators crews staff employees executives investors shareholders customers
users drivers pilots police soldiers troops rebels fighters militants villagers citizens
people shoppers traders unions regulators judges jurors defendants victims survivors
reporting editing writing additional asked speaking pictured photo photograph video
source sources note notes update correction editor's contributing
""".split())
"""Words for groups of people and for credits: a sentence's capitalised first word that
names no one ("Critics call the plan …", "Reporting by …")."""

CALENDAR: frozenset[str] = frozenset("""
january february march april may june july august september october november december
jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct
oct. nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday mon tue
tues wed thu thur thurs fri sat sun christmas easter ramadan eid hanukkah diwali
thanksgiving halloween passover lent advent pentecost
""".split())

DEMONYMS: frozenset[str] = frozenset("""
american americans british briton britons english scottish welsh irish mexican mexicans
canadian canadians chinese japanese korean koreans russian russians ukrainian ukrainians
german germans french spanish italian italians portuguese dutch belgian swiss austrian
swedish norwegian danish finnish icelandic polish czech slovak hungarian romanian
bulgarian serbian croatian bosnian slovenian greek turkish cypriot israeli israelis
palestinian palestinians lebanese syrian syrians iraqi iraqis iranian iranians afghan
afghans pakistani pakistanis indian indians bangladeshi sri lankan nepali burmese thai
vietnamese cambodian laotian malaysian indonesian filipino filipinos singaporean
australian australians kiwi egyptian egyptians libyan tunisian algerian moroccan
sudanese ethiopian eritrean somali kenyan kenyans ugandan tanzanian rwandan congolese
nigerian nigerians ghanaian senegalese malian cameroonian angolan south african
zimbabwean zambian brazilian brazilians argentine argentinian chilean peruvian
colombian colombians venezuelan venezuelans ecuadorian bolivian paraguayan uruguayan
cuban cubans haitian haitians dominican guatemalan honduran salvadoran nicaraguan
costa rican panamanian puerto rican jamaican saudi saudis emirati qatari kuwaiti omani
yemeni jordanian kurdish kurds arab arabs persian asian asians african africans
european europeans latin latino latina latinos latinx hispanic caribbean arctic
western eastern northern southern central global international atlantic pacific
democrat democrats democratic republican republicans conservative conservatives
liberal liberals socialist socialists communist communists
christian christians catholic catholics protestant muslim muslims jewish jew
jews hindu hindus buddhist sikh sunni shia shiite evangelical orthodox islamic
soviet nazi nazis texan texans californian new yorker new yorkers londoner parisian
mexico's sinaloan
""".split())
"""Adjectives of belonging; a run made only of them names nobody ("Mexican",
"Republican"), and one before a title is part of the description ("Mexican President")."""

NOT_ACTORS: frozenset[str] = frozenset("""
covid covid-19 coronavirus sars ebola mpox internet web online ai gdp ceo cfo coo cto
cpi vat tv dna hiv aids lng co2 ev evs suv suvs ipo id pdf url gps app apps iphone
ipad android windows bitcoin olympics olympic games world cup super bowl grand prix
brexit act bill treaty accord accords agreement pact plan program programme initiative
summit festival prize award awards index war wars revolution crisis day week month year
dollar dollars euro euros peso pesos pound pounds yen yuan rupee bond bonds
road map roadmap chapter section article figure table appendix page part volume
phase stage round term session quarter q1 q2 q3 q4 h1 h2 fy pm am a.m. p.m. gmt utc bst
est pst cet edt pdt
god allah lord bible koran quran scripture gospel
""".split())
"""Capitals that are neither people nor organisations; a run ending in one ("Inflation
Reduction Act", "World Cup") is a work, event or thing."""

NOT_ACTOR_ACRONYMS: frozenset[str] = frozenset("""
US USA UK UAE GDP CEO CFO COO CTO CPI VAT TV DNA HIV AIDS LNG CO2 EV EVS SUV IPO ID PDF
URL GPS AI OK PM AM GMT UTC BST EST PST CET EDT PDT FAQ ATM PIN SMS RAM CPU IT PR HR
LGBT LGBTQ NGO NGOS MP MPS MEP MEPS PHD MBA BA MA DIY UFO NB PS RIP ASAP FY Q1 Q2 Q3 Q4
H1 H2 II III IV VI VII VIII IX XI XII XX XXI COVID SARS MERS DC NYC LA EU-US KM MPH KG
I A
""".split())
"""All-capital words that name no organisation (units, roman numerals, places, roles)."""

ELISIONS: frozenset[str] = frozenset("n twas tis twere em til cause bout round neath".split())
"""Words that open with an apostrophe ("’Twas", "’em"), and the "n" of "rock ’n’ roll": the
apostrophe before them is no quotation mark, and "Twas" no name."""
