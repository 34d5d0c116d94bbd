"""SYNTHETIC, clearly labelled data for the exercises, about FICTIONAL countries.

- `valdoria`: the Republic of Valdoria (chapter 7, its districts and oversight bodies; chapter 11,
  the communities of its Lakeside district);
- `meridia`: the Republic of Meridia (the chapter 13 capstone).

Neither country exists. `make data` writes these tables to `data/` as `fictional_*.csv`.
"""
