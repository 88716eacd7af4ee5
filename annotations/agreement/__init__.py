"""Agreement between coders: how far two or more people who marked the same articles agree.

Units are characters of the article text, as NVivo's coding comparison counts them: a
coder's coding of a code is the set of characters they marked with it (overlapping marks
of one coder count once). Per code: percentage agreement and Cohen's kappa for each pair
of coders (kappa.py); with three coders or more, the mean of the pairs' agreement and
Fleiss' kappa for the group (fleiss.py); Krippendorff's alpha for all of them (alpha.py,
checked against the `krippendorff` package). Pure: the caller hands in each article's
length and marks (report.py).
"""
