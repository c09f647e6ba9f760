"""What scientific prose is full of and is not a person: eponyms, named methods, genes.

spaCy's small English model tags "Kaplan-Meier", "Wilms", "BRCA1" and "Charlson" as
people or organisations; a manuscript checker that reported them would be switched off
within a day. A name is quiet when any of its words is an eponym below, when it is
written like a gene or protein symbol (capitals and digits: TP53, BRCA1, Ki-67, HER2),
or when it is used as one ("Fisher's exact test", "Cox model", "Smith et al.").
"""

from __future__ import annotations

import re

EPONYMS = frozenset("""
kaplan meier cox hodgkin hodgkin's non-hodgkin wilms wilms' ewing ewing's burkitt burkitt's fisher fisher's mann whitney
bonferroni charlson gleason schoenfeld ederer wilcoxon kruskal wallis pearson spearman student student's poisson bayes
bayesian gray gray's fine nelson aalen greenwood breslow efron tukey holm benjamini hochberg kendall cohen cohen's
cronbach cronbach's hosmer lemeshow akaike wald bland altman dunn dunnett welch levene shapiro wilk kolmogorov smirnov
durbin watson huber newton markov monte carlo gauss gaussian weibull gompertz kaposi hurthle langerhans down turner
li fraumeni li-fraumeni lynch beckwith wiedemann denys drash fanconi diamond blackfan wiskott aldrich nijmegen bloom
gorlin cowden peutz jeghers hippel lindau recklinghausen reed sternberg epstein barr ann arbor lugano murphy karnofsky
lansky kattan deauville clark dukes masaoka enneking evans chi chi-square mcnemar cochran mantel haenszel armitage
fleming harrington peto logrank log-rank heckman rubin rubin's royston parmar lexis lee carter joinpoint jonckheere
terpstra friedman scheffe sidak šidák fleiss kappa youden harrell harrell's uno brier hausman granger box ljung
jenkins cochrane prisma strobe consort elixhauser deyo romano quan charlson-deyo ann-arbor tanner apgar glasgow
wilms-tumor ewing-sarcoma burkitt-lymphoma askin kasabach merritt rosai dorfman letterer siwe schüller christian
hand cushing addison graves hashimoto crohn alzheimer parkinson huntington hirschsprung kawasaki duchenne becker
marfan noonan klinefelter edwards patau angelman prader willi rett tay sachs gaucher niemann pick wolff parkinson
chiari dandy walker arnold sturge weber von willebrand willebrand bruton wiskott-aldrich chediak higashi kostmann
shwachman diamond-blackfan blackfan-diamond ollier maffucci mccune albright gardner turcot muir torre birt hogg dube
carney werner rothmund thomson costello sotos perlman simpson golabi behmel pallister killian
""".split())
_GENE_LIKE = re.compile(r"^(?:[A-Z0-9]{2,}[A-Z0-9-]*\d[A-Z0-9-]*|[A-Z]{2,}\d*|[A-Z][a-z]?-\d+|[A-Z]{1,5}\d{1,3}[A-Z]?)$")
# What follows a name used as an eponym ("Fisher's exact test", "Homer Wright rosettes"). Not
# diseases: "Kevin Perry's tumour" is a patient's; the eponymous diseases are in EPONYMS.
_EPONYM_USE = re.compile(
    r"^(?:'s|’s|')?[\s-]*(?:et\s+al|test|tests|method|methods|criteria|criterion|classification|score|scores|index"
    r"|correction|equation|model|models|estimator|estimates?|curves?|plots?|regression|proportional|hazards?"
    r"|procedure|approach|algorithm|staging|grading|scale|distribution|coefficient|statistic|exact|rank|sum|signed"
    r"|correlation|adjustment|formula|transformation|rosettes?|pseudorosettes?|bodies|body|nodules?|sign|phenomenon"
    r"|effect|law|principle|ratio|reaction|stain|staining|fibers|fibres|granules|classification|system|rule"
    r"|package|software|library|toolkit|database|cohort|study|trial|consortium|foundation|award|fellowship)\b", re.I)
# Words that make a capitalised phrase a thing, not a person ("Rural-Urban Continuum Codes").
_COMMON_WORDS = frozenset("""
codes code continuum index score scale survey study program programme registry database cohort trial group network
system report results statistics health care cancer oncology children national rural urban center centre research
institute data model questionnaire inventory assessment version release lymphoma leukemia leukaemia sarcoma tumor
tumour tumors tumours disease syndrome carcinoma blastoma glioma neuroblastoma hepatoblastoma retinoblastoma
medulloblastoma test tests analysis criteria classification staging stage grade therapy treatment protocol regimen
committee board council foundation society association consortium initiative project service services department
university college hospital clinic area areas region county state states district deprivation income poverty
quality life function functioning fatigue pain mean median total overall table figure appendix supplement
large language models user users authorized authorised exhibit license licence agreement entire section article
schedule party parties terms conditions policy act law regulation guidance standard standards
""".split())
_GIVEN_NAME_CONTEXT_BEFORE = re.compile(r"(?:\b(?:participant|speaker|respondent|interviewee|informant|quote from"
                                        r"|patient|parent|mother|father|caregiver)\s*[:,]?\s*$)", re.I)
_GIVEN_NAME_CONTEXT_AFTER = re.compile(r"^\s*(?:,\s*(?:the\s+|a\s+|an\s+|her\s+|his\s+)?(?:mother|father|parent"
                                       r"|sister|brother|son|daughter|wife|husband|aunt|uncle|grandmother|grandfather"
                                       r"|caregiver|survivor|patient)|\s*\((?:parent|mother|father|patient|survivor"
                                       r"|caregiver|age\s+\d))", re.I)
_CITATION_AFTER = re.compile(r"^\s*(?:,?\s*(?:19|20)\d{2}|\(\s*(?:19|20)\d{2}|\s*and\s+[A-Z][a-z]+\s*\(?(?:19|20)\d{2}|\[\d)")
_HONORIFIC_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?|\b[Pp]atient|\b[Pp]t\.?)\s+$")


def is_eponym_or_symbol(name: str) -> bool:
    """A span that is written like a gene, holds a common noun, or is made of eponyms only.

    "Kaplan-Meier" and "Ann Arbor" are eponyms through and through; "Nicholas Murphy" is a
    person whose surname happens to name a staging system.
    """
    tokens = [t for t in re.split(r"[\s/]+", name.strip()) if t]
    if not tokens:
        return True
    if any(_GENE_LIKE.match(t) for t in tokens) or any(ch.isdigit() for ch in name):
        return True
    parts = [p.removesuffix("'s").removesuffix("’s") for t in tokens
             for p in re.split(r"[-–]", t.lower().strip(".,;:()")) if p and not re.fullmatch(r"[a-z]\.?", p)]
    if any(p in _COMMON_WORDS or p.removesuffix("s") in _COMMON_WORDS for p in parts):
        return True
    return bool(parts) and all(p in EPONYMS for p in parts)


_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*(?:'s|’s)?|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|"
                         r"van|von|de|der|den|del|della|da|di|du|le|la|bin|al|el|st\.?|Jr\.?|Sr\.?|II|III|IV)$")


def written_like_a_name(name: str) -> bool:
    """Capitalised Latin words (initials and particles allowed), at least one a real word."""
    tokens = name.split()
    return bool(tokens) and all(_NAME_TOKEN.match(t.strip(",;:()")) for t in tokens) and any(
        len(t.strip(".,;:()")) > 1 and any(c.islower() for c in t) for t in tokens)


def quiet_person(text: str, start: int, end: int) -> bool:
    """A PERSON span that scientific prose explains: an eponym, a symbol, a citation, a lone surname."""
    name = text[start:end]
    if not written_like_a_name(name) or is_eponym_or_symbol(name):
        return True
    after = text[end:end + 30]
    if _EPONYM_USE.match(after) or _CITATION_AFTER.match(after):
        return True
    if text[max(0, start - 1):start] == "(" and re.match(r"^,?\s*(?:19|20)\d{2}", after):
        return True
    tokens = name.split()
    if len(tokens) == 1 and not (_HONORIFIC_BEFORE.search(text[max(0, start - 12):start])
                                 or _GIVEN_NAME_CONTEXT_BEFORE.search(text[max(0, start - 25):start])
                                 or _GIVEN_NAME_CONTEXT_AFTER.match(text[end:end + 30])):
        return True  # a lone capitalised word is far more often a method, a place or a citation
    return False
