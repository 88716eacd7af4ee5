"""A modest gazetteer: places are not actors ("Mexico", "Sinaloa", "Latin America").

Countries, capitals, major cities, US states, Canadian provinces and other large
subdivisions, continents and regions, and the words that make a run a place ("River",
"Street", "County"). Names are kept as written; lookups are case-sensitive on the first
letter, so "Chad" the country and a person called Chad both stay possible only by context.
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia|Bosnia|Bosnia and Herzegovina|Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|
Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|Colombia|
Comoros|Congo|Democratic Republic of Congo|Democratic Republic of the Congo|Costa Rica|
Ivory Coast|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|
Dominican Republic|East Timor|Timor-Leste|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|
Estonia|Eswatini|Swaziland|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|
Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|
Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|
Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|
Burma|Namibia|Nauru|Nepal|Netherlands|Holland|New Zealand|Nicaragua|Niger|Nigeria|
North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan|Palau|Palestine|Panama|
Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|
Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|
Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|Korea|South Sudan|Spain|
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|
Tonga|Trinidad|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|
United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|Wales|
Northern Ireland|United States|United States of America|US|U.S.|USA|U.S.A.|America|Uruguay|
Uzbekistan|Vanuatu|Vatican City|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Greenland|
Puerto Rico|Hong Kong|Macau|Gibraltar|Bermuda|Guam|Faroe Islands|Western Sahara
"""

_CAPITALS_AND_CITIES = """
Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Vienna|Baku|Nassau|Manama|Dhaka|
Minsk|Brussels|Thimphu|La Paz|Sarajevo|Gaborone|Brasília|Brasilia|Sofia|Ouagadougou|
Phnom Penh|Yaoundé|Ottawa|Santiago|Beijing|Bogotá|Bogota|Kinshasa|San José|Zagreb|Havana|
Nicosia|Prague|Copenhagen|Quito|Cairo|San Salvador|Asmara|Tallinn|Addis Ababa|Helsinki|
Paris|Libreville|Banjul|Tbilisi|Berlin|Accra|Athens|Guatemala City|Conakry|Port-au-Prince|
Tegucigalpa|Budapest|Reykjavik|New Delhi|Delhi|Jakarta|Tehran|Baghdad|Dublin|Jerusalem|
Tel Aviv|Rome|Kingston|Tokyo|Amman|Astana|Nairobi|Pristina|Kuwait City|Bishkek|Vientiane|
Riga|Beirut|Monrovia|Tripoli|Vilnius|Antananarivo|Lilongwe|Kuala Lumpur|Bamako|Valletta|
Nouakchott|Mexico City|Chisinau|Ulaanbaatar|Podgorica|Rabat|Maputo|Naypyidaw|Yangon|
Windhoek|Kathmandu|Amsterdam|The Hague|Wellington|Managua|Niamey|Abuja|Lagos|Pyongyang|
Skopje|Oslo|Muscat|Islamabad|Panama City|Asunción|Lima|Manila|Warsaw|Lisbon|Doha|
Bucharest|Moscow|Kigali|Riyadh|Dakar|Belgrade|Freetown|Bratislava|Ljubljana|Mogadishu|
Pretoria|Cape Town|Johannesburg|Seoul|Juba|Madrid|Colombo|Khartoum|Stockholm|Bern|Geneva|
Zurich|Damascus|Taipei|Dushanbe|Dodoma|Dar es Salaam|Bangkok|Lomé|Tunis|Ankara|Istanbul|
Ashgabat|Kampala|Kyiv|Kiev|Abu Dhabi|Dubai|London|Washington|Washington, D.C.|Montevideo|
Tashkent|Caracas|Hanoi|Ho Chi Minh City|Sanaa|Lusaka|Harare|New York|New York City|
Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|Dallas|Austin|
San Francisco|Seattle|Denver|Boston|Detroit|Miami|Atlanta|Baltimore|Las Vegas|Portland|
Minneapolis|New Orleans|Cleveland|Pittsburgh|St. Louis|Nashville|Sacramento|Brooklyn|
Manhattan|Queens|the Bronx|Toronto|Montreal|Vancouver|Calgary|Edmonton|Guadalajara|
Monterrey|Tijuana|Ciudad Juárez|Juárez|Culiacán|Acapulco|Cancún|Puebla|Oaxaca City|
São Paulo|Rio de Janeiro|Medellín|Cali|Barcelona|Valencia|Seville|Bilbao|Munich|Hamburg|
Frankfurt|Cologne|Milan|Naples|Turin|Venice|Florence|Marseille|Lyon|Nice|Manchester|
Birmingham|Liverpool|Glasgow|Edinburgh|Cardiff|Belfast|Leeds|Bristol|Rotterdam|Antwerp|
Krakow|Kraków|Gdansk|St Petersburg|St. Petersburg|Kharkiv|Odesa|Odessa|Lviv|Mariupol|
Shanghai|Guangzhou|Shenzhen|Wuhan|Chengdu|Osaka|Busan|Mumbai|Bangalore|Bengaluru|Kolkata|
Chennai|Karachi|Lahore|Sydney|Melbourne|Brisbane|Perth|Auckland|Alexandria|Casablanca|
Gaza City|Ramallah|Mecca|Medina|Jeddah|Aleppo|Mosul|Basra|Erbil|Kandahar|Tehran|Sanaa|
Singapore City|Jakarta|Bali|Havana|Santo Domingo|San Juan|Anchorage|Honolulu|Brussels
"""

_SUBDIVISIONS = """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|
Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|
Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|
New Mexico|New York State|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|
Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|
Washington State|West Virginia|Wisconsin|Wyoming|District of Columbia|D.C.|
Ontario|Quebec|Québec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|
New Brunswick|Newfoundland|Yukon|Nunavut|Baja California|Sonora|Chihuahua|Coahuila|
Nuevo León|Tamaulipas|Sinaloa|Durango|Zacatecas|Jalisco|Michoacán|Michoacan|Guerrero|
Oaxaca|Chiapas|Veracruz|Tabasco|Yucatán|Yucatan|Quintana Roo|Guanajuato|Querétaro|Hidalgo|
Morelos|Tlaxcala|Colima|Nayarit|Aguascalientes|San Luis Potosí|Campeche|
Bavaria|Catalonia|Andalusia|Basque Country|Galicia|Lombardy|Sicily|Sardinia|Tuscany|
Brittany|Normandy|Provence|Corsica|Flanders|Wallonia|Queensland|New South Wales|Victoria|
Tasmania|Punjab|Kashmir|Bengal|Kerala|Tamil Nadu|Gujarat|Maharashtra|Uttar Pradesh|Bihar|
Xinjiang|Tibet|Guangdong|Hubei|Sichuan|Siberia|Chechnya|Dagestan|Crimea|Donbas|Donbass|
Donetsk|Luhansk|Kherson|Zaporizhzhia|Kurdistan|Darfur|Tigray|Amhara|Kurdistan Region|
Gaza|Gaza Strip|West Bank|Golan Heights|Sinai|Scotland|Wales|Cornwall|Yorkshire|Kent|
Essex|Surrey|Devon|Lancashire|Ulster|Patagonia|Amazonas|Bahia
"""

_REGIONS = """
Africa|Asia|Europe|North America|South America|Latin America|Central America|Oceania|
Antarctica|Arctic|the Arctic|Antarctic|Middle East|the Middle East|Near East|Far East|
Caribbean|the Caribbean|Balkans|the Balkans|Baltics|the Baltics|Scandinavia|Nordic|
Mediterranean|the Mediterranean|Sahel|the Sahel|Sahara|the Sahara|Horn of Africa|
Maghreb|Levant|Caucasus|Central Asia|South Asia|Southeast Asia|East Asia|East Africa|
West Africa|North Africa|Southern Africa|Sub-Saharan Africa|Eastern Europe|Western Europe|
Central Europe|Northern Europe|Southern Europe|Pacific|the Pacific|Atlantic|the Atlantic|
Indian Ocean|Pacific Ocean|Atlantic Ocean|Arctic Ocean|Gulf of Mexico|Persian Gulf|Gulf|
the Gulf|Red Sea|Black Sea|Baltic Sea|North Sea|South China Sea|East China Sea|
Caspian Sea|Dead Sea|Strait of Hormuz|Panama Canal|Suez Canal|English Channel|
Rio Grande|Mississippi River|Amazon River|Nile|Danube|Rhine|Thames|Yangtze|Ganges|
Alps|Andes|Himalayas|Rockies|Rocky Mountains|Appalachia|Midwest|the Midwest|Northeast|
Southwest|Southeast|Northwest|Deep South|Sun Belt|Rust Belt|Bay Area|Silicon Valley|
Wall Street|Main Street|Downing Street|Capitol Hill|Whitehall|Westminster|Brussels|
Eurozone|the West|the East|Global South|Asia-Pacific|Indo-Pacific|Americas|the Americas|
Siberia|Amazon|the Amazon|Sahara Desert|Great Lakes|Gulf Coast|East Coast|West Coast|
New England|Pacific Northwest|Texas Panhandle|Highlands|the Highlands|Lapland|Iberia|
Anatolia|Mesopotamia|Kurdistan|Tuscany|Riviera|Outback
"""


def _names(block: str) -> frozenset[str]:
    return frozenset(n.strip() for n in block.replace("\n", "").split("|") if n.strip())


PLACES: frozenset[str] = (_names(_COUNTRIES) | _names(_CAPITALS_AND_CITIES) | _names(_SUBDIVISIONS)
                          | _names(_REGIONS))

PLACE_WORDS: frozenset[str] = frozenset("""
street st st. avenue ave ave. road rd rd. boulevard blvd drive highway motorway
freeway interstate route bridge tunnel square plaza river rivers lake lakes sea ocean
bay gulf strait channel canal creek falls mountain mountains mount mt mt. hills
valley canyon desert forest island islands isle peninsula coast beach cape county
province state territory region district borough township parish village town city
airport station harbour harbor port quay pier dam reservoir estuary delta basin plain
plains heights reef glacier volcano border
""".split())
"""Words that make a run a place: "Rio Bravo River", "Maple Street", "Harris County".
Words that are also common surnames (Hill, Park, Lane, Way, Brook) are left out."""

PLACE_LEADS: frozenset[str] = frozenset(
    "mount mt mt. lake cape port fort saint st st. san santa rio río lago monte sierra puerto "
    "cerro isla bahía bahia costa villa ciudad".split()
)
"""Words that begin a place's name: "Lake Texcoco", "Fort Worth", "San Pedro"."""
