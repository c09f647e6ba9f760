"""Fit the stage classifier whose weights are in models/ (they stay in the enclave)."""

from sklearn.linear_model import LogisticRegression


def fit(features, labels):
    return LogisticRegression(max_iter=1000).fit(features, labels)
