import { describe, expect, it } from "vitest";
import { nodeVersionProblem } from "./node-version";

describe("supported Node.js versions", () => {
  it("runs on a supported LTS line: this very test fails on an unsupported Node", () => {
    expect(nodeVersionProblem(process.versions.node)).toBeNull();
  });

  it("refuses Node 20 and older, early 22, odd majors and unreadable versions", () => {
    for (const version of ["20.20.2", "18.20.0", "22.11.0", "21.7.3", "23.1.0", "25.0.0", "x"])
      expect(nodeVersionProblem(version), version).not.toBeNull();
    for (const version of ["22.12.0", "22.23.5", "v24.22.3", "24.0.0"])
      expect(nodeVersionProblem(version), version).toBeNull();
  });
});
