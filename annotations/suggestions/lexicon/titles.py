"""Titles, kept out of a person's name and stored as the description.

A title is a run of modifiers ending in a head: "Defense Secretary", "Prime Minister",
"Secretary of State", "Chief Executive Officer", "Supreme Court Justice" (the court is
an organisation of its own). Heads alone may stand before a name ("President Sheinbaum");
modifiers only count with a head ("Defense" alone is no title).
"""

from __future__ import annotations

HEADS: frozenset[str] = frozenset("""
president vice-president president-elect premier minister secretary senator sen sen.
representative rep rep. congressman congresswoman congressmember governor gov gov. mayor
judge justice chancellor ambassador envoy general gen gen. admiral adm adm. colonel col
col. major maj maj. captain capt capt. lieutenant lt lt. sergeant sgt sgt. commander cmdr
corporal cpl private pvt marshal brigadier commodore chief director chairman chairwoman
chair chairperson ceo cfo coo cto executive officer spokesman spokeswoman spokesperson
professor prof prof. dr dr. mr mr. mrs mrs. ms ms. miss mx mx. sir dame lord lady baron
baroness king queen prince princess sheikh emir sultan pope bishop archbishop cardinal
rabbi imam reverend rev rev. father fr fr. pastor cleric ayatollah detective det det.
inspector superintendent supt constable commissioner councillor cllr councilman
councilwoman councilmember alderman sheriff attorney prosecutor solicitor barrister
coach manager founder co-founder cofounder treasurer comptroller auditor controller
ombudsman registrar provost dean rector principal headteacher headmaster headmistress
speaker leader whip deputy chairman mp mep mla msp am lawmaker legislator delegate
magistrate coroner administrator superintendent warden chaplain nurse surgeon doctor
economist analyst strategist researcher scientist historian author editor publisher
correspondent reporter anchor columnist pilot captain skipper spokesperson engineer
""".split())

MODIFIERS: frozenset[str] = frozenset("""
vice deputy assistant associate acting interim former late then current incoming outgoing
senior junior chief first second prime grand lord supreme high district circuit federal
state national regional county city municipal provincial local parliamentary general
executive managing operating financial technical medical foreign home interior defense
defence finance treasury economy economic health education energy environment
environmental transport transportation trade commerce industry labour labor justice
agriculture housing culture security homeland immigration development planning public
works water fisheries infrastructure communications information digital science
technology affairs relations attorney police fire army navy air naval military
secretary-general secretary general chief majority minority opposition party house
senate shadow cabinet junior principal special permanent press communications
of for the and
""".split())
"""Words that build a title with a head: "Minister of Foreign Affairs", "Deputy Mayor"."""

HONORIFICS: frozenset[str] = frozenset(
    "mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof. sir dame lord lady".split()
)
"""Titles that say a name is a person's, even before a single word ("Mr. Houser")."""

ABBREVIATIONS: frozenset[str] = frozenset("""
mr mrs ms mx dr prof sen rep gov gen adm col maj capt lt sgt cmdr cpl pvt rev fr det supt
st jr sr inc corp co ltd bros no nos vs etc approx dept est fig jan feb mar apr jun jul aug
sep sept oct nov dec mt ft gov govt univ assn ave blvd rd
""".split())
"""Words whose trailing full stop ends no sentence ("Dr. Ruiz", "Acme Corp. said")."""

MALE: frozenset[str] = frozenset("""
mr mr. sir lord king prince duke baron count earl marquess viscount father fr fr. brother
monsieur m. herr señor sr. signor dom sheikh emir sultan pope spokesman chairman congressman
councilman alderman headmaster businessman nephew son husband uncle grandfather
""".split())
FEMALE: frozenset[str] = frozenset("""
mrs mrs. ms ms. miss lady dame queen princess duchess baroness countess marchioness
viscountess sister mother madam madame mme mme. mlle mlle. frau señora sra. signora doña
sheikha spokeswoman chairwoman congresswoman councilwoman headmistress businesswoman
niece daughter wife aunt grandmother
""".split())
"""Titles (and the family words of appositives) that say "he" or "she": a pronoun takes
only a person it fits."""
