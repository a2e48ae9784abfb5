"""The scoring model shipped with the hub, written by `koordinate dedupe train --ship`; do not edit by hand.

The same model is in model.json next to this file (a test keeps the two equal)."""

MODEL = {
 "format": "koordinate-dedupe-model/1",
 "version": "2026-12-02-generator-a",
 "intercept": -9.342146,
 "levels": {
  "title": [
   "same",
   "close",
   "related",
   "weak",
   "different"
  ],
  "title_in_group": [
   "same",
   "close",
   "related",
   "weak",
   "different"
  ],
  "title_contrast": [
   "none",
   "contrast"
  ],
  "description": [
   "same",
   "close",
   "related",
   "different"
  ],
  "organisation": [
   "same",
   "close",
   "related",
   "different"
  ],
  "contact": [
   "email_or_phone",
   "url_only",
   "different"
  ],
  "venue": [
   "same",
   "near",
   "different"
  ],
  "schedule": [
   "same",
   "overlap",
   "different"
  ],
  "category": [
   "same",
   "different"
  ],
  "district": [
   "same",
   "different"
  ],
  "place_and_time": [
   "both_same",
   "not_both"
  ]
 },
 "weights": {
  "title": [
   0.0,
   0.0,
   0.0,
   0.0,
   -2.653276
  ],
  "title_in_group": [
   3.801716,
   0.49539,
   0.49539,
   0.0,
   -0.319301
  ],
  "title_contrast": [
   0.544748,
   -0.544748
  ],
  "description": [
   0.605436,
   0.605436,
   0.0,
   0.0
  ],
  "organisation": [
   5.983188,
   3.270595,
   -0.089267,
   -3.0
  ],
  "contact": [
   0.302211,
   -0.219464,
   -1.775984
  ],
  "venue": [
   1.521466,
   -0.002512,
   -2.728315
  ],
  "schedule": [
   4.319675,
   -0.061317,
   -4.0
  ],
  "category": [
   2.266881,
   -1.0
  ],
  "district": [
   0.664955,
   -0.664955
  ],
  "place_and_time": [
   -0.765466,
   -4.417992
  ]
 },
 "default_idf": 8.889,
 "idf": {
  "#accompaniment": 3.698,
  "#asylum": 3.528,
  "#authorities": 4.494,
  "#cafe": 3.485,
  "#childcare": 3.485,
  "#children": 2.567,
  "#clothing": 3.446,
  "#computer": 4.161,
  "#conversation": 3.833,
  "#counselling": 3.512,
  "#culture": 8.378,
  "#cycling": 3.02,
  "#doctor": 4.274,
  "#donations": 8.378,
  "#food": 4.894,
  "#furniture": 4.071,
  "#homework": 5.112,
  "#housing": 4.185,
  "#interpreting": 4.58,
  "#job": 4.121,
  "#language_course": 2.869,
  "#mentoring": 4.894,
  "#psycho": 4.235,
  "#repair": 4.156,
  "#sewing": 4.811,
  "#sport": 4.8,
  "#swap": 3.435,
  "#swimming": 4.756,
  "#women": 3.241,
  "#youth": 4.778,
  "abendgruppe": 5.067,
  "abzugeben": 7.154,
  "alpha": 8.042,
  "anfaenger": 3.863,
  "arabisch": 4.589,
  "b1": 7.59,
  "beim": 5.783,
  "deutchkurs": 8.378,
  "deutcshkurs": 8.378,
  "einsteigerkurs": 7.279,
  "erwachsene": 4.984,
  "fahrraeder": 7.422,
  "fahrrdakurs": 8.378,
  "fahrrradkurs": 8.378,
  "faruen": 8.042,
  "fortgeschrittene": 5.112,
  "fortgeschrittenen": 8.378,
  "fraauen": 7.79,
  "fraeun": 8.378,
  "frauuen": 8.042,
  "fruaen": 8.378,
  "fruen": 8.378,
  "gebrauchte": 7.279,
  "gemeinsames": 4.957,
  "gruppe": 4.906,
  "hilfe": 6.692,
  "kicken": 8.042,
  "kochabend": 7.59,
  "kurs": 6.852,
  "kurses": 7.043,
  "kurszeiten": 6.852,
  "lernen": 6.553,
  "nur": 7.59,
  "offene": 7.154,
  "offener": 4.229,
  "offenes": 8.042,
  "offfene": 8.378,
  "radfahren": 6.769,
  "schreiben": 8.378,
  "spraachkurse": 8.378,
  "sprachcfae": 8.378,
  "sprechen": 8.378,
  "teff": 8.042,
  "training": 8.042,
  "ueben": 8.378,
  "unterstuezten": 8.378,
  "vormittagsgruppe": 4.714,
  "waehreend": 8.378,
  "waehrend": 3.592,
  "wochenende": 5.243,
  "zusammen": 7.79
 },
 "trained_on": {
  "method": "logistic",
  "ridge": 2.0,
  "floors": {
   "description": 0.0,
   "organisation": -3.0,
   "category": -1.0,
   "district": -1.0,
   "schedule": -4.0,
   "venue": -4.0
  },
  "duplicates": 1485.0,
  "different": 88868.0,
  "offers": 4000,
  "labelled_offers": 3999,
  "reviews": 0,
  "trained_at": "2026-12-02T03:10:18Z"
 }
}
