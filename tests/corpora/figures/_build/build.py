"""Temporary builder: compiles the compact annotation source into JSONL and lints it."""
import json, re, sys, glob, os
from collections import Counter
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TAGS = {"scale-glued","currency-prefix","range","change-from-to","wrong-join","negative","direction",
        "bound","hedge-about","not-quantity","words","scale-only","chinese","plain"}
HEDGES = {"about","nearly","more-than","at-least","less-than","at-most"}
DIRS = {"up","down"}
UNITS = {"percent","percentage-points","basis-points","points","count","times","years","months","weeks","days",
         "hours","minutes","seconds","kg","tonnes","lb","g","km","m","cm","mm","inches","km/h","mph","hectares","acres",
         "square-metres","cubic-metres","litres","barrels","bpd","MW","GW","kW","kWh","GWh","TWh","GB","TB","MB","Hz","kHz",
         "MHz","GHz","mAh","degrees-C","degrees-F","magnitude","calories","mg","ml","tonnes-per-hectare","quintals","bags","TEU","dozen"}
CUR = {"USD","EUR","GBP","CNY","HKD","KES","INR","MYR","JPY","SGD","AUD","CAD","NGN","ZAR","GHS","ETB","TZS","UGX","RWF",
       "EGP","MAD","XOF","BRL","CHF","SEK","NOK","PLN","KRW","TWD","IDR","PHP","THB","VND","PKR","BDT","LKR","NZD","AED","SAR",
       "TRY","RUB","MXN","ZMW","DKK","HUF","CZK","RON","NPR","MWK","BWP","NAD","MUR","DZD","TND","XAF","AOA","MZN","CLP","COP","ARS"}
SCALES = {"k":1e3,"thousand":1e3,"m":1e6,"mn":1e6,"mln":1e6,"million":1e6,"bn":1e9,"b":1e9,"billion":1e9,"bln":1e9,
          "tn":1e12,"trillion":1e12,"crore":1e7,"cr":1e7,"lakh":1e5,"万":1e4,"亿":1e8,"万亿":1e12,"千":1e3,"百":1e2}

def num(s):
    s = s.strip()
    if "/" in s:
        a, b = s.split("/")
        v = float(Decimal(a) / Decimal(b))
        return float(f"{v:.10g}")
    d = Decimal(s)
    if d == d.to_integral_value():
        return int(d)
    return float(d)

def parse(path, prefix):
    recs, cur = [], None
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("//"):
            continue
        key, _, rest = line.partition(":")
        rest = rest.strip()
        if key == "T":
            cur = {"tags": rest.split(), "text": None, "figures": [], "ack": [], "src": f"{os.path.basename(path)}:{ln}"}
            recs.append(cur)
        elif key == "S":
            cur["text"] = rest
        elif key == "N":
            cur["ack"] += [a.strip() for a in rest.split(";") if a.strip()]
        elif key == "F":
            parts = [p.strip() for p in rest.split("|")]
            text, val, unit = parts[0], parts[1], parts[2]
            hedge = direction = None
            for p in parts[3:]:
                if p in HEDGES: hedge = p
                elif p in DIRS: direction = p
                elif p in ("", "-"): pass
                else: raise SystemExit(f"{path}:{ln}: bad field {p!r}")
            if "~" in val:
                lo, hi = val.split("~"); lo, hi = num(lo), num(hi)
            else:
                lo = hi = num(val)
            cur["figures"].append({"text": text, "value": lo, "low": lo, "high": hi,
                                   "unit": None if unit == "null" else unit, "hedge": hedge, "direction": direction})
        else:
            raise SystemExit(f"{path}:{ln}: bad line {line!r}")
    return recs

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMWORD = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|half|third|thirds|quarter|dozen|fold|sixfold|twofold|threefold|tenfold|double|triple)\b", re.I)
CNUM = re.compile(r"[一二三四五六七八九十百千万亿两半]")

def scale_check(f):
    """heuristic: first number in figure text times scale == low"""
    t = f["text"].replace(",", "")
    m = re.search(r"(\d+(?:\.\d+)?|\.\d+)\s*(万亿|万|亿|千|k\b|mn\b|mln\b|m\b|bn\b|bln\b|b\b|tn\b|thousand|million|billion|trillion|crore|cr\b|lakh)?", t)
    if not m: return None
    base = float(m.group(1))
    sc = SCALES.get(m.group(2), 1) if m.group(2) else 1
    if m.group(2) == "m" and f["unit"] in ("m", "km", "mm"): sc = 1
    if re.match(r"\d+/\d+", t[m.start():]): return None
    exp = base * sc
    v = abs(f["low"])
    if abs(exp - v) > 1e-6 * max(1, v):
        return f"scale? {f['text']!r} expected~{exp} got {f['low']}"
    return None

def build(srcglob, prefix, outname):
    recs = []
    for p in sorted(glob.glob(os.path.join(HERE, srcglob))):
        recs += parse(p, prefix)
    errs, warns = [], []
    out = []
    texts = set()
    for i, r in enumerate(recs, 1):
        rid = f"{prefix}{i:03d}"
        t = r["text"]; where = f"{rid} ({r['src']})"
        if not t: errs.append(f"{where}: no text"); continue
        if t in texts: errs.append(f"{where}: duplicate text")
        texts.add(t)
        tags = list(dict.fromkeys(r["tags"]))
        for tg in tags:
            if tg not in TAGS: errs.append(f"{where}: bad tag {tg}")
        pos = 0; covered = [False]*len(t)
        for f in r["figures"]:
            k = t.find(f["text"], pos)
            if k < 0: errs.append(f"{where}: figure {f['text']!r} not found in order"); continue
            for j in range(k, k+len(f["text"])): covered[j] = True
            pos = k + len(f["text"])
            u = f["unit"]
            if u is not None and u not in UNITS and u not in CUR: errs.append(f"{where}: unit {u}")
            if f["low"] > f["high"]: errs.append(f"{where}: low>high")
            w = scale_check(f)
            if w: warns.append(f"{where}: {w}")
            if f["low"] < 0 and "negative" not in tags: tags.append("negative")
            if f["low"] != f["high"] and "range" not in tags: tags.append("range")
            if f["direction"] and "direction" not in tags: tags.append("direction")
            if f["hedge"] in ("about","nearly") and "hedge-about" not in tags: tags.append("hedge-about")
            if f["hedge"] in ("more-than","at-least","less-than","at-most") and "bound" not in tags: tags.append("bound")
        for a in r["ack"]:
            k = t.find(a)
            if k < 0: errs.append(f"{where}: ack {a!r} not found")
            else:
                for kk in [m.start() for m in re.finditer(re.escape(a), t)]:
                    for j in range(kk, kk+len(a)): covered[j] = True
        for m in re.finditer(r"\d", t):
            if not covered[m.start()]:
                errs.append(f"{where}: uncovered digit at {m.start()}: ...{t[max(0,m.start()-15):m.start()+10]}..."); break
        for m in list(NUMWORD.finditer(t)) + list(CNUM.finditer(t)):
            if not covered[m.start()]:
                warns.append(f"{where}: uncovered numword {m.group(0)!r}")
        if CJK.search(t):
            if "chinese" not in tags: tags.append("chinese")
        else:
            n = len(t.split())
            if n < 8 or n > 45: errs.append(f"{where}: {n} words")
        if not r["figures"] and "not-quantity" not in tags: errs.append(f"{where}: no figures but no not-quantity tag")
        if "range" in tags and not any(f["low"] != f["high"] for f in r["figures"]): warns.append(f"{where}: range tag but no range")
        if "change-from-to" in tags and any(f["direction"] for f in r["figures"]) and False: pass
        if not tags: errs.append(f"{where}: no tags")
        out.append({"id": rid, "text": t, "tags": tags, "figures": r["figures"]})
    with open(os.path.join(OUT, outname), "w", encoding="utf-8") as fh:
        for o in out:
            fh.write(json.dumps(o, ensure_ascii=False) + "\n")
    return out, errs, warns

if __name__ == "__main__":
    which = sys.argv[1]
    if which == "main": out, e, w = build("main*.txt", "n", "news.jsonl")
    else: out, e, w = build("val*.txt", "v", "news_validation.jsonl")
    for x in e: print("ERR", x)
    for x in w: print("WARN", x)
    c = Counter(tg for o in out for tg in o["tags"])
    nf = sum(len(o["figures"]) for o in out)
    print(len(out), "sentences", nf, "figures", sum(1 for o in out if not o["figures"]), "empty")
    print(dict(sorted(c.items())))
