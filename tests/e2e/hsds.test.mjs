// The HSDS 3.0 export (`api/hsds/`) validates against the official
// schemas (tests/fixtures/hsds-3.0) as the specification checks its own
// examples: `additionalProperties: false` on every object, formats
// checked. Services against the compiled service schema, organizations
// against the compiled organization schema, locations against
// location.json with the object schemas it refers to.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { ROOT, SITES, build } from "./lib.mjs";

const SCHEMAS = join(ROOT, "tests/fixtures/hsds-3.0/schema");
const read = (file) => JSON.parse(readFileSync(file, "utf8"));

/** `schema` with `additionalProperties: false` on every object that lists its properties. */
function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.properties) out.additionalProperties = false;
  return out;
}

function validators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of readdirSync(SCHEMAS).filter((f) => f.endsWith(".json"))) {
    ajv.addSchema(strict(read(join(SCHEMAS, f))), f);
  }
  return {
    service: ajv.compile(strict(read(join(SCHEMAS, "compiled/service.json")))),
    organization: ajv.compile(strict(read(join(SCHEMAS, "compiled/organization.json")))),
    location: ajv.getSchema("location.json"),
  };
}

const v = validators();

function check(validate, items, what) {
  assert.ok(items.length > 0, `${what}: there are some`);
  for (const item of items) {
    assert.ok(validate(item), `${what} ${item.name}: ${JSON.stringify(validate.errors, null, 1)}`);
  }
}

for (const [name, site] of Object.entries(SITES)) {
  test(`${name}: api/hsds validates against the strict HSDS 3.0 schemas`, () => {
    const out = build(site.source);
    const hsds = (file) => read(join(out, "api", "hsds", file));
    const services = hsds("services.json");
    check(v.service, services, "service");
    check(v.organization, hsds("organizations.json"), "organization");
    check(v.location, hsds("locations.json"), "location");
    if (name === "nl") {
      // The export carries what the help finder knows.
      const get = (n) => services.find((s) => s.name === n);
      const groups = get("Psychose Netwerk Gelderland");
      assert.deepEqual(
        groups.schedules.map((s) => [s.freq, s.interval ?? 1, s.byday, s.opens_at, s.closes_at]),
        [["WEEKLY", 2, "WE", "19:30", "21:30"], ["MONTHLY", 1, "1SA", "10:00", "12:00"]],
      );
      assert.equal(get("Werk en Herstel Den Haag").status, "temporarily closed");
      assert.equal(get("Online Lotgenotenchat").minimum_age, 16);
      assert.ok(get("Maatjes in Herstel Rotterdam").wait_time);
      assert.ok(groups.attributes.some((a) => a.taxonomy_term.code === "relatives"));
      const located = services.flatMap((s) => s.service_at_locations.map((l) => l.location));
      assert.ok(located.some((l) => l.accessibility?.length > 0), "accessibility on locations");
      assert.ok(services.some((s) => s.cost_options?.length > 0), "cost options");
    }
  });
}

test("the strict schemas refuse an unknown field, a wrong status and a bad id", () => {
  const out = build(SITES.nl.source);
  const service = read(join(out, "api", "hsds", "services.json"))[0];
  assert.ok(v.service(service));
  assert.equal(v.service({ ...service, audience: "women" }), false, "unknown field");
  assert.equal(v.service({ ...service, status: "closed" }), false, "status outside the enum");
  assert.equal(v.service({ ...service, id: "not-a-uuid" }), false, "ids are UUIDs");
  const location = service.service_at_locations[0].location;
  assert.equal(v.location({ ...location, accessibility: [{ id: location.id, wheelchair: true }] }), false);
});
