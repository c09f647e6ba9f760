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
_EPONYM_USE = re.compile(
    r"^(?:'s|’s|')?[\s-]*(?:et\s+al|test|tests|method|methods|criteria|criterion|disease|syndrome|sarcoma|tumou?r"
    r"|lymphoma|classification|score|scores|index|correction|equation|model|models|estimator|estimates?|curves?"
    r"|plots?|regression|proportional|hazards?|procedure|approach|algorithm|staging|stage|grade|grading|scale"
    r"|distribution|coefficient|statistic|exact|rank|sum|signed|correlation|adjustment|formula|transformation"
    r"|cells?|virus|lesions?|nodes?|risk|criteria)\b", re.I)
_CITATION_AFTER = re.compile(r"^\s*(?:,?\s*(?:19|20)\d{2}|\(\s*(?:19|20)\d{2}|\s*and\s+[A-Z][a-z]+\s*\(?(?:19|20)\d{2}|\[\d)")
_HONORIFIC_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?|\b[Pp]atient|\b[Pp]t\.?)\s+$")


def is_eponym_or_symbol(name: str) -> bool:
    """A span that is written like a gene or used as an eponym, not a person."""
    tokens = [t for t in re.split(r"[\s/]+", name.strip()) if t]
    if not tokens:
        return True
    if any(_GENE_LIKE.match(t) for t in tokens) or any(ch.isdigit() for ch in name):
        return True
    for token in tokens:
        parts = [p for p in re.split(r"[-–]", token.lower().strip(".,;:()")) if p]
        if any(p in EPONYMS or p.removesuffix("'s").removesuffix("’s") in EPONYMS for p in parts):
            return True
    return False


_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*(?:'s|’s)?|[A-Z]\.|[A-Z][a-z]*[A-Z][a-z]+|"
                         r"van|von|de|der|den|del|della|da|di|du|le|la|bin|al|el|st\.?)$")


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
    if len(tokens) == 1 and not _HONORIFIC_BEFORE.search(text[max(0, start - 12):start]):
        return True  # a lone capitalised word is far more often a method, a place or a citation
    return False
