import { afterEach, describe, expect, it } from "vitest";
import {
  noteExpiries,
  PUBLIC_READ_SECONDS,
  PUBLIC_TAGS,
  publicRead,
  resetPublicCacheState,
  setPublicReadCaching,
  stillCurrent,
} from "./public-cache";

afterEach(() => {
  setPublicReadCaching(false);
  resetPublicCacheState();
});

describe("tagged public reads", () => {
  it("read the database every time unless the production server turns caching on", async () => {
    let loads = 0;
    const load = async () => ++loads;
    await publicRead("k", [PUBLIC_TAGS.catalogue], load);
    await publicRead("k", [PUBLIC_TAGS.catalogue], load);
    expect(loads).toBe(2);
  });

  it("load once per key until a tag is invalidated or the lifetime ends, concurrent readers sharing one load", async () => {
    setPublicReadCaching(true);
    let loads = 0;
    const load = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return ++loads;
    };
    const values = await Promise.all(
      Array.from({ length: 4 }, () => publicRead("themes", [PUBLIC_TAGS.catalogue], load)),
    );
    expect(values).toEqual([1, 1, 1, 1]);
    noteExpiries(new Map([[PUBLIC_TAGS.statistics, Date.now()]]));
    expect(await publicRead("themes", [PUBLIC_TAGS.catalogue], load)).toBe(1);
    noteExpiries(new Map([[PUBLIC_TAGS.catalogue, Date.now()]]));
    expect(await publicRead("themes", [PUBLIC_TAGS.catalogue], load)).toBe(2);
    expect(await publicRead("themes", [PUBLIC_TAGS.catalogue], load, Date.now() + PUBLIC_READ_SECONDS * 1000 + 1)).toBe(
      3,
    );
  });

  it("do not keep a failed load", async () => {
    setPublicReadCaching(true);
    let fail = true;
    const load = async () => {
      if (fail) throw new Error("database away");
      return "ok";
    };
    await expect(publicRead("k", [PUBLIC_TAGS.catalogue], load)).rejects.toThrow("database away");
    await new Promise((resolve) => setTimeout(resolve, 0));
    fail = false;
    expect(await publicRead("k", [PUBLIC_TAGS.catalogue], load)).toBe("ok");
  });

  it("keep the later of two expiry times for a tag", () => {
    const now = Date.now();
    noteExpiries(new Map([[PUBLIC_TAGS.catalogue, now]]));
    noteExpiries(new Map([[PUBLIC_TAGS.catalogue, now - 10_000]]));
    expect(stillCurrent([PUBLIC_TAGS.catalogue], now)).toBe(false);
    expect(stillCurrent([PUBLIC_TAGS.catalogue], now + 1)).toBe(true);
  });
});
