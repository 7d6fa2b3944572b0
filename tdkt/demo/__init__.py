"""The deterministic demo data that `tdkt demo load` puts in the database.

One module per app it fills, in loading order: `org` (with its data in `org_data`), `awards`,
`proposals`, `surveys`, `exemplars`, `initiatives`, `movements`; the `demo` management command runs them.
This app stands above every other app: it may import any of them (through their services, selectors and
models), and none imports it (`.importlinter`, contract "No app imports the demo data"). It has no models.
"""
