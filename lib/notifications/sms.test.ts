import { describe, expect, it } from "vitest";
import { percentEncode, signAliyunRpc } from "./sms";

describe("Alibaba Cloud RPC request signing", () => {
  it("encodes per RFC 3986 as the signature rules require", () => {
    expect(percentEncode("a b*c~d'(!)")).toBe("a%20b%2Ac~d%27%28%21%29");
    expect(percentEncode("2016-02-23T12:46:24Z")).toBe("2016-02-23T12%3A46%3A24Z");
    expect(percentEncode("一网")).toBe("%E4%B8%80%E7%BD%91");
  });

  it("reproduces the signature of the documented example request (DescribeRegions, secret testsecret)", () => {
    const query = signAliyunRpc(
      {
        AccessKeyId: "testid",
        Action: "DescribeRegions",
        Format: "XML",
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        SignatureVersion: "1.0",
        Timestamp: "2016-02-23T12:46:24Z",
        Version: "2014-05-26",
      },
      "testsecret",
    );
    expect(query.split("&")[0]).toBe("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D");
    expect(query).toContain("&AccessKeyId=testid&Action=DescribeRegions&Format=XML&");
  });
});
