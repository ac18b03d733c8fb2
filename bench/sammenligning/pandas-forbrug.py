# pandas' side of bench/forbrug.js: forbrug.csv summed per konto, two variants.
#   float  read_csv(sep=';', decimal=',', thousands='.') parses beloeb as float64; groupby('konto').sum().
#          Sums are binary floats: bench/forbrug.js rounds them to øre before comparing.
#   oere   read_csv(dtype=str), beloeb → int64 øre by removing '.' and ',' (exact because the generator
#          always writes two decimals), groupby('konto').sum() in int64.
# Prints JSON on stdout: { "sekunder": …, "antal": …, "konti": { konto: sum } } (float kr or øre as string).
# Usage: /usr/bin/python3 bench/sammenligning/pandas-forbrug.py FORBRUG.CSV float|oere
# (Debian's python3-pandas: apt-get install -y python3-pandas.)
import json
import sys
import time

import pandas as pd

fil, variant = sys.argv[1], sys.argv[2]
t0 = time.perf_counter()
if variant == 'float':
    df = pd.read_csv(fil, sep=';', decimal=',', thousands='.', dtype={'konto': str, 'dato': str})
    summer = df.groupby('konto', sort=False)['beloeb'].sum()
    konti = {k: float(v) for k, v in summer.items()}
elif variant == 'oere':
    df = pd.read_csv(fil, sep=';', dtype=str)
    oere = df['beloeb'].str.replace('.', '', regex=False).str.replace(',', '', regex=False).astype('int64')
    summer = oere.groupby(df['konto'], sort=False).sum()
    konti = {k: str(int(v)) for k, v in summer.items()}
else:
    sys.exit(f'ukendt variant "{variant}" (float eller oere)')
sekunder = time.perf_counter() - t0
json.dump({'sekunder': sekunder, 'antal': len(df), 'konti': konti}, sys.stdout)
