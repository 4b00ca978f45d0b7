#!/usr/bin/env python3
"""Makes a synthetic signpost directory of N services, deterministic for a given seed, for the
benchmarks (make bench) and for tests that need a large directory.

    make-directory.py --services N [--seed S] [--base db] [--csv OUTDIR] [--oruk FILE.json]

--csv OUTDIR   a copy of the db/ sources (BASE, default the db/ beside this script's tree)
               with the N services added to organisations.csv, services.csv, contacts.csv and
               translations/*.csv; `signpost-admin build --src OUTDIR` accepts it with no error.
--oruk FILE    the same N services as Open Referral UK 3.0 "service with full details"
               objects in one JSON array (organization, phones, schedules with
               freq/byday/opens_at/closes_at, service_areas, languages, eligibility_description,
               status, attributes/taxonomy_terms).

Every service has a realistic name, description and eligibility, 1 to 4 contacts (phones with
opening hours, email, web, text, chat; some professional-only), an area, profile tags, languages
and, for most, translations of its description and subtitle. Phone numbers are unique, the
names and numbers pass every data check, and the same seed always gives the same bytes.
Only python3's standard library: it runs on a plain Debian."""
import argparse
import csv
import io
import json
import os
import random
import re
import shutil
import sys

AREAS = ["national", "cambs-peterborough", "cambridgeshire", "peterborough", "cambridge-city",
         "east-cambs", "fenland", "huntingdonshire", "south-cambs"]
AREA_NAMES = {"national": "England and Wales", "cambs-peterborough": "Cambridgeshire and Peterborough",
              "cambridgeshire": "Cambridgeshire", "peterborough": "Peterborough",
              "cambridge-city": "Cambridge", "east-cambs": "East Cambridgeshire",
              "fenland": "Fenland", "huntingdonshire": "Huntingdonshire",
              "south-cambs": "South Cambridgeshire"}
PROFILES = ["male", "lgbtq", "older", "young", "stalking", "a8", "ethnic-minority",
            "perpetrator", "children", "sexual-violence", "honour", "disability"]
LANGS = ["pl", "lt", "lv", "ro", "pt", "bg", "cs", "sk", "hu", "et", "sl"]
# Towns and villages (the area a service is in is drawn separately: names are only names).
TOWNS = """Abbotsley Alconbury Arrington Ashwell Babraham Balsham Barrington Bassingbourn Benwick
Bluntisham Bottisham Bourn Brampton Buckden Burwell Caldecote Castor Chatteris Cherry-Hinton
Chesterton Coates Comberton Cottenham Doddington Dry-Drayton Duxford Eaton-Socon Elm Elsworth
Eltisley Ely Eye Farcet Fen-Ditton Fowlmere Fulbourn Gamlingay Girton Glinton Godmanchester
Grantchester Hardwick Harston Hauxton Hemingford Hilton Histon Holme Houghton Huntingdon Impington
Isleham Kimbolton Landbeach Linton Littleport Longstanton March Melbourn Meldreth Milton
Newborough Northstowe Oakington Offord Orton Over Pampisford Papworth Peakirk Ramsey Sawston
Sawtry Shelford Soham Somersham Stapleford Stilton Sutton Swavesey Thorney Thriplow Trumpington
Upwood Waterbeach Werrington Whittlesey Whittlesford Wicken Willingham Wisbech Witchford
Wittering Yaxley Yelling Arbury Abbey Barnwell Coleridge Kings-Hedges Newnham Petersfield
Romsey Queen-Edith Bretton Dogsthorpe Fletton Gunthorpe Hampton Millfield Paston Ravensthorpe
Stanground Walton Westwood Woodston Bedford Luton Norwich Ipswich Leicester Nottingham Derby
Lincoln Sheffield Leeds Bradford York Hull Durham Carlisle Preston Bolton Wigan Stockport
Chester Stoke Shrewsbury Hereford Worcester Gloucester Swindon Oxford Reading Slough Woking
Guildford Brighton Hastings Canterbury Dover Maidstone Chatham Southend Chelmsford Colchester
Harlow Watford Stevenage Hitchin Bedworth Coventry Rugby Warwick Banbury Aylesbury Exeter
Plymouth Truro Taunton Bath Bristol Newport Cardiff Swansea Wrexham Bangor Aberystwyth""".split()
TOWNS = [t.replace("-", " ") for t in TOWNS]
KINDS = [
    ("Women's Refuge", "A safe house for women and their children escaping domestic abuse, with"
     " support to plan what happens next.", []),
    ("Domestic Abuse Outreach", "Support in your own home or somewhere safe near it, for anyone"
     " experiencing domestic abuse who is not in a refuge.", []),
    ("Family Safety Project", "Help for families living with domestic abuse, including support for"
     " children who have seen or heard it.", ["children"]),
    ("Men's Support Service", "Confidential support for men experiencing abuse from a partner,"
     " ex-partner or family member.", ["male"]),
    ("LGBT+ Abuse Support", "Support for lesbian, gay, bisexual, trans and queer people experiencing"
     " abuse from a partner or family member.", ["lgbtq"]),
    ("Older People's Advice Line", "Advice for older people experiencing abuse from family, carers"
     " or a partner, and for anyone worried about them.", ["older"]),
    ("Young People's Service", "Support for young people aged 13 to 24 who are being hurt or"
     " controlled by a boyfriend, girlfriend or partner.", ["young"]),
    ("Stalking Advocacy", "Advice and advocacy for anyone being stalked or harassed, including by"
     " an ex-partner, a neighbour or a stranger.", ["stalking"]),
    ("Eastern European Support", "Support in Polish, Lithuanian and other languages for people from"
     " Eastern Europe experiencing domestic abuse.", ["a8"]),
    ("Black and Minoritised Women's Project", "Culturally specific support for Black, Asian and"
     " minoritised women experiencing domestic or honour-based abuse.", ["ethnic-minority", "honour"]),
    ("Change Programme", "A programme for people who are worried about their own behaviour towards"
     " a partner or family member and want to stop.", ["perpetrator"]),
    ("Rape Crisis Centre", "Free, confidential support for anyone who has experienced rape or"
     " sexual violence, whenever it happened.", ["sexual-violence"]),
    ("Forced Marriage Helpline", "Help for anyone affected by forced marriage or honour-based abuse,"
     " or afraid it may happen to them.", ["honour"]),
    ("Deaf and Disabled Survivors' Service", "Accessible support for deaf and disabled people"
     " experiencing abuse, including from a carer.", ["disability"]),
    ("Housing Advice", "Advice on staying safe at home or finding somewhere else to live when you"
     " are experiencing domestic abuse.", []),
    ("Legal Advice Clinic", "Free legal advice about protective orders, child arrangements and"
     " divorce for people experiencing domestic abuse.", []),
    ("Counselling Service", "Free counselling for survivors of domestic abuse, in person, by phone"
     " or online.", []),
    ("Children's Centre", "Family support, groups and advice for parents and carers of young"
     " children, including families affected by domestic abuse.", ["children"]),
    ("Recovery Toolkit", "A group course that helps survivors understand what happened and"
     " rebuild their confidence.", []),
    ("Independent Advisors", "Independent advisors who help people at high risk from domestic"
     " abuse with safety planning, housing, police and court.", []),
    ("Drop-in", "A weekly drop-in where you can talk in confidence to someone who understands"
     " domestic abuse.", []),
    ("Sanctuary Scheme", "Extra security for your home, such as stronger locks and alarms, so you"
     " can stay there safely.", []),
    ("Pet Fostering", "Temporary foster homes for the pets of people escaping domestic abuse, so"
     " no one has to stay because of an animal.", []),
    ("Money Advice", "Help with debt, benefits and economic abuse, such as a partner controlling"
     " your money.", []),
]
PREFIXES = ["", "", "", "Safe Haven", "Bridge", "Harbour", "Beacon", "Open Door", "New Start",
            "Rosewood", "Lighthouse", "Willow", "Phoenix", "Haven", "Compass", "Anchor",
            "Sunrise", "Oak Tree", "Riverside", "Cedar", "Hope", "Meadow", "Kingfisher"]
ORG_SUFFIX = ["Women's Aid", "Domestic Abuse Partnership", "Community Trust", "Family Support",
              "Advocacy", "Housing Association", "Citizens Advice", "Council", "Foundation",
              "Survivors' Network", "Charity"]
ELIGIBILITY = ["Anyone aged 16 or over affected by domestic abuse.",
               "Women and their children; referrals from any agency or self-referral.",
               "People living in the area; professional referral with the person's consent.",
               "All risk levels. Self-referrals welcome.",
               "Aged 18 or over. No recourse to public funds is not a barrier.",
               "Anyone who has experienced sexual violence at any time in their life."]
SUBTITLE = ["Support for people experiencing domestic abuse", "A refuge and outreach service",
            "Advice by phone and in person", "Help for families and children",
            "Specialist advice and advocacy"]
# Short, plain sentences in each language (translations awaiting review in a real directory).
TRANSLATED = {
    "pl": ("Wsparcie dla osób doświadczających przemocy domowej.", "Pomoc i porady"),
    "lt": ("Pagalba žmonėms, patiriantiems smurtą artimoje aplinkoje.", "Pagalba ir patarimai"),
    "lv": ("Atbalsts cilvēkiem, kuri cieš no vardarbības ģimenē.", "Palīdzība un padoms"),
    "ro": ("Sprijin pentru persoanele care se confruntă cu violența domestică.", "Ajutor și sfaturi"),
    "pt": ("Apoio para pessoas que sofrem violência doméstica.", "Ajuda e aconselhamento"),
    "bg": ("Подкрепа за хора, преживяващи домашно насилие.", "Помощ и съвети"),
    "cs": ("Podpora pro lidi, kteří zažívají domácí násilí.", "Pomoc a poradenství"),
    "sk": ("Podpora pre ľudí, ktorí zažívajú domáce násilie.", "Pomoc a poradenstvo"),
    "hu": ("Támogatás a családon belüli erőszakot elszenvedőknek.", "Segítség és tanácsadás"),
    "et": ("Tugi lähisuhtevägivalda kogevatele inimestele.", "Abi ja nõustamine"),
    "sl": ("Podpora za ljudi, ki doživljajo nasilje v družini.", "Pomoč in svetovanje"),
}
HOURS = ["24/7", "Mon-Fri 09:00-17:00", "Mon-Fri 09:00-17:00; PH off",
         "Mon-Thu 10:00-20:30; Fri 10:00-16:30", "Mon,Wed 09:00-20:00; Tue,Thu,Fri 09:00-17:00",
         "Mon-Fri 08:30-16:30; Sat 10:00-13:00", "Tue-Sat 10:00-18:00",
         "Mon-Fri 00:00-09:00, 17:00-24:00; Sat,Sun 24h; PH 24h", "Sat 22:00-02:00",
         "Mon,Tue,Thu,Fri 09:30-16:00; Wed 13:00-16:00"]
DAYS = {"Mon": "MO", "Tue": "TU", "Wed": "WE", "Thu": "TH", "Fri": "FR", "Sat": "SA", "Sun": "SU"}
DAY_ORDER = list(DAYS)
# Geographic codes of real places, each with a block of subscriber numbers that signpost's
# own directory does not use; numbers are drawn from a counter, so none repeats.
AREA_CODES = ["01223", "01733", "01480", "01353", "01354", "01945", "01954", "01763", "01487",
              "01234", "01603", "01473", "01162", "01159", "01332", "01522"]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def expand_days(days):
    """'Mon-Fri' or 'Mon,Wed' -> ['MO', 'TU', ...]; 'PH' -> []."""
    out = []
    for item in days.split(","):
        item = item.strip()
        if item == "PH":
            continue
        if "-" in item:
            a, b = item.split("-")
            i = DAY_ORDER.index(a)
            while True:
                out.append(DAYS[DAY_ORDER[i]])
                if DAY_ORDER[i] == b:
                    break
                i = (i + 1) % 7
        else:
            out.append(DAYS[item])
    return out


def oruk_schedules(hours, number, service_id, n):
    """The hours grammar as ORUK schedules: one per rule and span."""
    if hours in ("", "unknown"):
        return []
    if hours == "24/7":
        rules = [("Mon-Sun", "00:00-24:00")]
    else:
        rules = []
        for rule in hours.split("; "):
            days, spans = rule.split(" ", 1)
            rules.append((days, spans))
    out = []
    for days, spans in rules:
        ph = "PH" in days.split(",")
        for span in spans.replace(", ", ",").split(","):
            if span == "off":
                continue
            opens, closes = ("00:00", "24:00") if span == "24h" else span.split("-")
            o = {"id": "%s-schedule-%d" % (service_id, len(out) + 1), "service_id": service_id,
                 "opens_at": opens, "closes_at": "23:59" if closes == "24:00" else closes,
                 "description": hours, "notes": number, "attending_type": "phone"}
            if ph:
                o["schedule_link_type"] = "public_holidays"
            else:
                o["freq"] = "WEEKLY"
                o["byday"] = ",".join(expand_days(days))
            out.append(o)
    return out


class Generator:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.names = set()
        self.ids = set()
        self.phone_counter = 0
        self.orgs = []

    def phone(self):
        """A unique, valid UK number (01xxx 9xxxxx, 0808 7xx xxxx or 0300 8xx xxxx)."""
        n = self.phone_counter
        self.phone_counter += 1
        # Spread numbers over codes and subscriber blocks; n -> (code, subscriber) is one-to-one.
        block = n % (len(AREA_CODES) + 2)
        k = n // (len(AREA_CODES) + 2)
        if block < len(AREA_CODES):
            return "%s %06d" % (AREA_CODES[block], 900000 + k % 100000) if k < 100000 else \
                "%s %06d" % (AREA_CODES[block], 300000 + k - 100000)
        if block == len(AREA_CODES):
            return "0808 %03d %04d" % (700 + k // 10000, k % 10000)
        return "0300 %03d %04d" % (800 + k // 10000, k % 10000)

    def organisation(self):
        r = self.rnd
        if self.orgs and r.random() < 0.8:
            return r.choice(self.orgs[-50:])
        while True:
            name = "%s %s" % (r.choice(TOWNS), r.choice(ORG_SUFFIX))
            oid = "gen-" + slug(name)
            if oid not in self.ids:
                break
            name = "%s %s %d" % (name, "Branch", len(self.orgs) + 1)
            oid = "gen-" + slug(name)
            if oid not in self.ids:
                break
        self.ids.add(oid)
        org = {"id": oid, "name": name,
               "website": "https://www.%s.org.uk" % slug(name).replace("-", "")[:40]}
        self.orgs.append(org)
        return org

    def service(self, i):
        r = self.rnd
        kind, desc, profiles = r.choice(KINDS)
        town = r.choice(TOWNS)
        prefix = r.choice(PREFIXES)
        area = r.choices(AREAS, weights=[2, 2, 3, 3, 3, 2, 2, 2, 2])[0]
        name = " ".join(x for x in (prefix, town, kind) if x)
        if (name.lower(), area) in self.names:
            name = "%s (%s)" % (name, "site %d" % (i + 1))
        self.names.add((name.lower(), area))
        sid = "gen-%s-%d" % (slug(name)[:48].strip("-"), i + 1)
        org = self.organisation()
        profiles = list(profiles)
        if r.random() < 0.25:
            profiles.append(r.choice(PROFILES))
        profiles = sorted(set(profiles), key=PROFILES.index)
        langs = sorted(r.sample(LANGS, r.choice([0, 0, 0, 1, 2, 3])), key=LANGS.index)
        audience = "professional" if r.random() < 0.03 else "public"
        status = "closed" if r.random() < 0.02 else "active"
        age_min, age_max = ("", "")
        if "young" in profiles:
            age_min, age_max = ("13", "24")
        elif "older" in profiles:
            age_min = "60"
        risk = r.choice(["", "", "standard;medium;high", "high"])
        description = desc + (" Serving %s." % AREA_NAMES[area])
        verified = "2026-%02d-%02d" % (r.randint(1, 11), r.randint(1, 28))
        svc = {
            "id": sid, "organisation": org["id"], "name": name, "description": description,
            "area": area, "audience": audience,
            "referral": r.choice(["self", "professional", "either"]),
            "consent": r.choice(["", "", "yes", "no"]), "age_min": age_min, "age_max": age_max,
            "risk_levels": risk, "profiles": ";".join(profiles), "languages": ";".join(langs),
            "eligibility": r.choice(ELIGIBILITY), "status": status, "superseded_by": "",
            "source": "synthetic", "source_note": "Synthetic service for benchmarks.",
            "verified": verified, "verification": "unverified" if r.random() < 0.1 else "verified",
        }
        contacts = []
        ncontacts = 0 if status == "closed" else r.choice([1, 1, 2, 2, 3, 4])
        kinds = ["phone"] + r.sample(["phone", "email", "web", "text", "chat"], 3)
        for n in range(ncontacts):
            k = kinds[n]
            caudience = "professional" if audience == "professional" or (
                n > 0 and r.random() < 0.15) else "public"
            hours = ""
            if k == "phone":
                value = self.phone()
                label = ["Helpline", "Referrals from professionals", "Office", "Out of hours"][n] \
                    if caudience == "public" or n > 0 else "Referrals"
                if caudience == "professional":
                    label = "Professionals' line %d" % (n + 1)
                hours = r.choice(HOURS)
                if r.random() < 0.03 and caudience == "public":
                    hours = "unknown"
                    svc["source_note"] = "Synthetic service; hours unknown for the benchmark."
            elif k == "email":
                value = "help@%s.org.uk" % slug(org["name"]).replace("-", "")[:40]
                label = "Email for advice"
            elif k == "web":
                value = org["website"]
                label = "Website"
            elif k == "text":
                value = "6%04d" % (i % 10000)
                label = "Text HELP to this number"
                hours = r.choice(HOURS) if caudience == "public" else ""
            else:
                value = org["website"] + "/chat"
                label = "Live chat"
                hours = r.choice(HOURS) if caudience == "public" else ""
            contacts.append({"service": sid, "kind": k, "value": value, "label": label,
                             "audience": caudience, "hours": hours,
                             "verification": "unverified" if r.random() < 0.1 else "verified"})
        translations = []
        if audience == "public":
            translations.append(("service", sid, "subtitle", "en", r.choice(SUBTITLE)))
            for lang in LANGS:
                if lang in langs or r.random() < 0.3:
                    d, sub = TRANSLATED[lang]
                    translations.append(("service", sid, "description", lang, d))
                    translations.append(("service", sid, "subtitle", lang, sub))
        return svc, contacts, translations


SERVICE_COLS = ["id", "organisation", "name", "description", "area", "audience", "referral",
                "consent", "age_min", "age_max", "risk_levels", "profiles", "languages",
                "eligibility", "status", "superseded_by", "source", "source_note", "verified",
                "verification"]
CONTACT_COLS = ["service", "kind", "value", "label", "audience", "hours", "verification"]


def append_rows(path, rows):
    """Appends CSV rows to a source file, after its last line."""
    with open(path, "rb") as f:
        ends_with_newline = f.read().endswith(b"\n")
    with open(path, "a", encoding="utf-8", newline="") as f:
        if not ends_with_newline:
            f.write("\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows)


def oruk(svc, org, contacts):
    phones, schedules = [], []
    email = url = None
    for c in contacts:
        if c["audience"] != "public":
            continue
        if c["kind"] == "email" and not email:
            email = c["value"]
        elif c["kind"] in ("web", "chat") and not url:
            url = c["value"]
        if c["kind"] not in ("phone", "text"):
            continue
        pid = "%s-phone-%d" % (svc["id"], len(phones) + 1)
        phones.append({"id": pid, "number": c["value"], "description": c["label"],
                       "type": "voice" if c["kind"] == "phone" else "text"})
        schedules.extend(oruk_schedules(c["hours"], c["value"], svc["id"], len(schedules)))
    return {
        "id": svc["id"], "name": svc["name"], "description": svc["description"],
        "status": {"active": "active", "closed": "defunct"}[svc["status"]],
        "organization": {"id": org["id"], "name": org["name"], "website": org["website"]},
        "email": email, "url": url, "phones": phones, "schedules": schedules,
        "service_areas": [{"id": svc["area"], "name": AREA_NAMES[svc["area"]],
                           "extent_type": "area"}],
        "languages": [{"id": "%s-lang-%s" % (svc["id"], l), "code": l}
                      for l in svc["languages"].split(";") if l],
        "attributes": [{"id": "%s-attr-%s" % (svc["id"], p), "taxonomy_term_id": p,
                        "taxonomy_term": {"id": p, "code": p, "term": p,
                                          "vocabulary": "signpost-profile"}}
                       for p in svc["profiles"].split(";") if p],
        "eligibility_description": svc["eligibility"],
        "minimum_age": int(svc["age_min"]) if svc["age_min"] else None,
        "maximum_age": int(svc["age_max"]) if svc["age_max"] else None,
        "assured_date": svc["verified"],
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--services", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--base", default=os.path.join(here, "..", "..", "db"))
    ap.add_argument("--csv")
    ap.add_argument("--oruk")
    a = ap.parse_args()
    if not a.csv and not a.oruk:
        ap.error("give --csv OUTDIR, --oruk FILE or both")
    g = Generator(a.seed)
    services, contacts, translations = [], [], []
    for i in range(a.services):
        s, c, t = g.service(i)
        services.append(s)
        contacts.append(c)
        translations.extend(t)
    orgs = {o["id"]: o for o in g.orgs}
    if a.oruk:
        with open(a.oruk, "w", encoding="utf-8") as f:
            f.write("[\n")
            for i, (s, c) in enumerate(zip(services, contacts)):
                if i:
                    f.write(",\n")
                f.write(json.dumps(oruk(s, orgs[s["organisation"]], c), ensure_ascii=False))
            f.write("\n]\n")
    if a.csv:
        if os.path.exists(a.csv):
            shutil.rmtree(a.csv)
        shutil.copytree(a.base, a.csv, ignore=shutil.ignore_patterns("*.db", "*.minisig"))
        append_rows(os.path.join(a.csv, "organisations.csv"),
                    [[o["id"], o["name"], o["website"]] for o in g.orgs])
        append_rows(os.path.join(a.csv, "services.csv"),
                    [[s[k] for k in SERVICE_COLS] for s in services])
        append_rows(os.path.join(a.csv, "contacts.csv"),
                    [[c[k] for k in CONTACT_COLS] for cs in contacts for c in cs])
        by_lang = {}
        for t in translations:
            by_lang.setdefault(t[3], []).append(list(t))
        for lang, rows in sorted(by_lang.items()):
            append_rows(os.path.join(a.csv, "translations", lang + ".csv"), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
