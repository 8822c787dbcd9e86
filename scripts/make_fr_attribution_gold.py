#!/usr/bin/env python3
"""Writes tests/fixtures/quotes/fr-gold/: a small French attribution gold set in brat standoff
(PolNeAR layout: text/NAME.txt, attributions/NAME_slant.ann) for `slant eval quotes`.

Texts: three French Wikinews articles of the bundled sample (data/articles.jsonl, CC BY 2.5;
credits in data/PROVENANCE.md). Annotations: written for slant (MIT) by reading each article,
in PolNeAR's scheme: every attribution of speech, writing or stance with a content (direct,
indirect, "d'après X", "pour lui"), its source (the mention in the sentence: a pronoun for
"a-t-il ajouté") and its cue; a quote that continues the previous one with no cue of its own
is one attribution with several content spans, as PolNeAR marks it.

Each attribution below names its spans by a literal piece of the text, the piece's occurrence
(0 = first) and optionally a part of the piece ("explique-t-il" -> "il").

Run from the repository root: python3 scripts/make_fr_attribution_gold.py
"""
import json
import os

OUT = "tests/fixtures/quotes/fr-gold"

# (piece, occurrence, part)
def P(piece, n=0, part=None):
    return (piece, n, part)

GOLD = {
    "wikinews-fr-44581": [
        (P("l'ancien leader frontiste Jean-Marie Le Pen"), P("décrit"),
         [P("sa fille, Marine Le Pen, comme « petite-bourgeoise »")]),
        (P("explique-t-il", 0, "il"), P("explique-t-il", 0, "explique"),
         [P("« Je suis un homme du peuple. Je viens d'une famille de paysans et de pêcheurs. J'ai été officier dans un régiment de parachutistes, j'ai eu une vie virile, c'est le moins que l'on puisse dire. Ma fille, quoi qu'elle puisse en dire, est une petite-bourgeoise »")]),
        (P("Il renchérit", 0, "Il"), P("renchérit"),
         [P("le succès de la « dédiabolisation » du Front national est du fait que Marine Le Pen « est une femme »")]),
        (P("indique-t-il", 0, "il"), P("indique-t-il", 0, "indique"),
         [P("« Mon image de diable s'est méthodiquement et avec ténacité imposée dans le monde politique français. Ma réputation d'antisémite a été créée artificiellement »")]),
        (P("Pour lui", 0, "lui"), P("Pour lui", 0, "Pour"),
         [P("l'élite parisienne le caractérise d'être « grossier » et « inquiétant », alors qu'elle accepte sa fille du fait de sa bonne éducation")]),
        (P("Jean-Luc Mélenchon, le candidat du Front de gauche à l'élection présidentielle"), P("avait appelé"),
         [P("Marine Le Pen « la bourgeoise du château de Montretout »")]),
        (P("Nadine Morano, ex-députée UMP"), P("l'avait appelé", 0, "avait appelé"),
         [P("la « châtelaine de Montretout »")]),
        (P("Christian Jacob, président du groupe UMP à l'Assemblée nationale"), P("lui avait dit", 0, "avait dit"),
         [P("« C'est la grande bourgeoisie qui s'exprime quand je vous vois »")]),
        (P("Christian Jacob, président du groupe UMP à l'Assemblée nationale"), P("poursuivre"),
         [P("« Vous êtes une héritière, qui vivez dans votre château de Saint-Cloud »")]),
        (P("prévient-il", 0, "il"), P("prévient-il", 0, "prévient"),
         [P("« Le maître sera l'islam. Si les islamistes deviennent majoritaires en France, ce sera la charia »")]),
        (P("Jean-Marie Le Pen", 2), P("affirme"),
         [P("qu'il voulait qualifier sa fille de « petite fille bourgeoise », et non de « petite bourgeoise »")]),
        (P("tente-t-il", 0, "il"), P("tente-t-il de corriger", 0, "corriger"),
         [P("« Le texte exact, c'est 'a little bourgeoise girl' ... c'est une petite fille bourgeoise »")]),
        (P("explique-t-il", 1, "il"), P("explique-t-il", 1, "explique"),
         [P("« J'évoquais nos différences, en particulier notre différence d'origine et de milieu. Moi je suis né dans un milieu populaire et Marine est née dans un milieu bourgeois, évidemment pas la grande bourgeoisie des Dassault ou des Fabius, mais bourgeoisie quand même »")]),
        (P("conclut-il", 0, "il"), P("conclut-il", 0, "conclut"),
         [P("« Et je ne vois pas d'ailleurs ce que le terme a d'outrageant, d'insultant, ou d'équivoque »")]),
    ],
    "wikinews-fr-44999": [
        (P("Le ministre du Redressement productif"), P("a déclaré"),
         [P("que « le nucléaire est une filière d'avenir »")]),
        (P("Arnaud Montebourg", 0), P("reconnait"),
         [P("qu'il faut qu'il soit « rééquilibré »")]),
        (P("affirme-t-il", 0, "il"), P("affirme-t-il", 0, "affirme"),
         [P("« Avec une augmentation continue de la consommation des ménages et industrielle, même en maintenant notre parc de centrales actuel », la question est de savoir « si nous allons continuer à investir »"),
          P("« Pour ma part, je considère que le nucléaire est une filière d'avenir »")]),
        (P("Europe Écologie Les Verts"), P("faisait part"),
         [P("de son étonnement à la suite de ces déclarations")]),
        (P("le parti écologiste"), P("pense"),
         [P("qu'il s'agit de « propos isolés »")]),
        (P("Jean-Philippe Magnen, le porte-parole du parti"), P("déclare"),
         [P("« Nous réagissons en n'attachant pas plus d'importance que cela aux propos d'Arnaud Montebourg que nous connaissions déjà comme étant pro-nucléaire »")]),
        (P("a-t-il précisé", 0, "il"), P("a-t-il précisé", 0, "précisé"),
         [P("« Le président a annoncé un grand débat national sur l'énergie. Il a pris un certain nombre d'engagements de réduire la part du nucléaire »")]),
        (P("Le président a annoncé", 0, "Le président"), P("Le président a annoncé", 0, "a annoncé"),
         [P("un grand débat national sur l'énergie")]),
        (P("François Hollande"), P("avait promis"),
         [P("d'engager « la réduction de la part du nucléaire dans la production d'électricité de 75 % à 50 % à l'horizon 2025 »")]),
        (P("Ces derniers"), P("souhaitent"),
         [P("une sortie du nucléaire")]),
        (P("Le ministre de l'Intérieur, Manuel Valls"), P("en affirmant", 0, "affirmant"),
         [P("« le nucléaire est incontestablement et évidement une filière d'avenir »")]),
    ],
    "wikinews-fr-45674": [
        (P("François Brottes (PS)"), P("en demandant", 0, "demandant"),
         [P("au président de la commission Denis Baupin (EELV) une suspension de séance, afin de « retrouver le chemin de la sérénité »")]),
        (P("d'après l'opposition", 0, "l'opposition"), P("d'après l'opposition", 0, "d'après"),
         [P("ce qui a pu permettre"), P("à des députés de gauche de rejoindre les bancs de l'Assemblée")]),
        (P("les députés de l'UMP"), P("ont fait part"),
         [P("de leur indignation")]),
        (P("Il a souhaité", 0, "Il"), None,
         [P("« On ne peut pas accepter un tel mépris de notre règlement. [...] Jamais lorsqu’un vote est annoncé, on autorise une suspension de séance. Vous étiez minoritaires, parce que les sujets agricoles ne vous intéressent pas ! »"),
          P("« Vous vous êtes assis sur le règlement de notre Assemblée ! »")]),
        (P("Denis Baupin", 1), P("a ensuite défendu", 0, "défendu"),
         [P("« On peut faire une suspension lorsqu'un vote a été annoncé, du moment qu'il n'a pas été ouvert »")]),
        (P("Bruno Le Roux, président du groupe socialiste"), P("trouvant"),
         [P("« procédé [de l'opposition] absolument choquant, et qu'il y a un débat qui doit se tenir de façon sereine, ce que ne permet pas depuis de nombreuses semaines les excès de ceux qui représentent l'opposition aujourd'hui. »")]),
        (P("a-t-il affirmé", 0, "il"), P("a-t-il affirmé", 0, "affirmé"),
         [P("« Il y a là une volonté de pourrir le débat politique qui est absolument scandaleuse ! »")]),
        (P("Claude Bertolone, président de l'Assemblée"), P("a déclaré"),
         [P("qu'« il ne pourra plus y avoir de suspension de séance quand un vote est annoncé »")]),
        (P("Philippe Gosselin (UMP)"), P("a dénoncé"),
         [P("un « Incident grave ! Malgré un vote annoncé, la gauche, en minorité, fait suspendre la séance! Déni de démocratie, manipulation! »")]),
        (P("Lionel Tardy (UMP)"), P("a lui écrit", 0, "écrit"),
         [P("« Reprise de la séance, nouvelle demande de suspension de la majorité qui est toujours minoritaire... quel couac !!!! »")]),
    ],
}


def locate(text, spec):
    piece, n, part = spec
    at = -1
    for _ in range(n + 1):
        at = text.find(piece, at + 1)
        if at < 0:
            raise SystemExit(f"not found (occurrence {n}): {piece!r}")
    if part is not None:
        off = piece.find(part)
        if off < 0:
            raise SystemExit(f"{part!r} not in {piece!r}")
        return at + off, at + off + len(part)
    return at, at + len(piece)


def main():
    texts = {}
    with open("data/articles.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["id"] in GOLD:
                texts[d["id"]] = d["text"]
    os.makedirs(f"{OUT}/text", exist_ok=True)
    os.makedirs(f"{OUT}/attributions", exist_ok=True)
    for name, atts in GOLD.items():
        text = texts[name]
        with open(f"{OUT}/text/{name}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        lines, t = [], 0
        def span(kind, ranges):
            nonlocal t
            t += 1
            offs = ";".join(f"{s} {e}" for s, e in ranges)
            shown = " ".join(text[s:e] for s, e in ranges).replace("\n", " ")
            lines.append(f"T{t}\t{kind} {offs}\t{shown}")
            return f"T{t}"
        for i, (src, cue, content) in enumerate(atts, 1):
            parts = []
            c = span("Content", [locate(text, p) for p in content])
            parts.append(f"Content:{c}")
            if cue is not None:
                parts.append(f"Cue:{span('Cue', [locate(text, cue)])}")
            if src is not None:
                parts.append(f"Source:{span('Source', [locate(text, src)])}")
            a = span("Attribution", [locate(text, cue if cue else content[0])])
            lines.append(f"E{i}\tAttribution:{a} " + " ".join(parts))
        with open(f"{OUT}/attributions/{name}_slant.ann", "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{OUT}: {sum(len(a) for a in GOLD.values())} attributions in {len(GOLD)} texts")


if __name__ == "__main__":
    main()
