// Every program's `sessions.ics` parses with a real iCalendar parser
// (ical.js) into recurring events at local time in Europe/Amsterdam, on
// both sides of the change to summer time, with the file's own VTIMEZONE.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import { SITES, build } from "./lib.mjs";

/** The UTC offset of Amsterdam at `date`, in minutes, from the platform's tz database. */
function amsterdamOffset(date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    timeZoneName: "longOffset",
  }).formatToParts(date);
  const name = parts.find((p) => p.type === "timeZoneName").value; // GMT+01:00
  const m = name.match(/GMT([+-])(\d\d):(\d\d)/);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

test("nl: every program's sessions.ics holds weekly events that keep local time across DST", () => {
  const out = build(SITES.nl.source);
  const programs = readdirSync(join(out, "programs"), { withFileTypes: true }).filter((d) => d.isDirectory());
  let files = 0;
  let crossings = 0;
  for (const p of programs) {
    const file = join(out, "programs", p.name, "sessions.ics");
    const page = readFileSync(join(out, "programs", p.name, "index.html"), "utf8");
    if (!existsSync(file)) {
      assert.ok(!page.includes("sessions.ics"), `${p.name}: the page links to a file that is not there`);
      continue;
    }
    files++;
    assert.ok(page.includes(`/programs/${p.name}/sessions.ics`), `${p.name}: the page links its calendar`);
    const text = readFileSync(file, "utf8");
    assert.ok(text.split("\r\n").every((l) => Buffer.byteLength(l) <= 75), `${p.name}: lines are folded`);
    const cal = new ICAL.Component(ICAL.parse(text));
    const vtz = cal.getFirstSubcomponent("vtimezone");
    assert.equal(vtz.getFirstPropertyValue("tzid"), "Europe/Amsterdam");
    const zone = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.reset();
    ICAL.TimezoneService.register(zone, "Europe/Amsterdam");
    const events = cal.getAllSubcomponents("vevent");
    assert.ok(events.length > 0, `${p.name}: has events`);
    for (const v of events) {
      const event = new ICAL.Event(v);
      assert.ok(event.isRecurring(), `${p.name}: the event repeats`);
      const start = event.startDate;
      assert.equal(start.zone.tzid, "Europe/Amsterdam", `${p.name}: DTSTART has TZID`);
      const it = event.iterator();
      let winter = false;
      let summer = false;
      for (let i = 0, next; i < 80 && (next = it.next()); i++) {
        assert.equal(next.hour, start.hour, `${p.name}: ${next} keeps its hour`);
        assert.equal(next.minute, start.minute, `${p.name}: ${next} keeps its minute`);
        const utc = next.toJSDate();
        const offset = next.utcOffset() / 60;
        assert.equal(offset, amsterdamOffset(utc), `${p.name}: ${next} has Amsterdam's offset`);
        if (offset === 60 && next.month <= 3 && next.year === 2027) winter = true;
        if (offset === 120 && next.year === 2027) summer = true;
      }
      if (winter && summer) crossings++;
    }
  }
  assert.ok(files >= 6, `at least half the programs have sessions (${files})`);
  assert.ok(crossings >= 6, `events are followed across the change to summer time (${crossings})`);
});
