// The JSON API validates against the JSON Schema published beside it
// (`api/schema.json`), for both test sites, with Ajv (draft 2020-12).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { SITES, build } from "./lib.mjs";

for (const [name, site] of Object.entries(SITES)) {
  test(`${name}: api/listings.json validates against api/schema.json`, () => {
    const out = build(site.source);
    const read = (file) => JSON.parse(readFileSync(join(out, "api", file), "utf8"));
    const schema = read("schema.json");
    const listings = read("listings.json");
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    assert.ok(listings.listings.length > 0, "the site has listings");
    assert.ok(validate(listings), JSON.stringify(validate.errors, null, 1));

    // The schema says something: a wrong type and an unknown kind fail.
    const specialist = listings.listings.find((l) => l.type === "specialist");
    const wrong = structuredClone(listings);
    wrong.listings[listings.listings.indexOf(specialist)] = { ...specialist, intake: "yes" };
    assert.equal(validate(wrong), false, "intake is open, waiting-list or full");
    wrong.listings[listings.listings.indexOf(specialist)] = { ...specialist, minimum_age: "18" };
    assert.equal(validate(wrong), false, "an age is a number");
    wrong.listings[0] = { ...listings.listings[0], type: "person" };
    assert.equal(validate(wrong), false, "type is specialist or program");
  });
}
