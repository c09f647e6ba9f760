"""Aggregate the cohort by stage; counts below 16 are suppressed."""

def summarise(df):
    table = df.groupby('stage').size()
    return table[table >= 16]
