import { describe, expect, it } from "vitest";
import { isPublicAddress, privateAddressOf } from "./public-address";

describe("public addresses for outgoing webhooks", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "fc00::abcd",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:169.254.169.254",
    "64:ff9b::10.0.0.1",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])(
    "allows %s",
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe("a webhook URL's IP address host", () => {
  it.each([
    ["https://127.0.0.1/hook", "127.0.0.1"],
    ["https://[::1]:8443/hook", "::1"],
    ["https://169.254.169.254/latest", "169.254.169.254"],
    ["https://10.1.2.3/hook", "10.1.2.3"],
    ["https://2130706433/hook", "127.0.0.1"],
  ])("names the private address of %s", (url, address) => {
    expect(privateAddressOf(url)).toBe(address);
  });

  it.each(["https://8.8.8.8/hook", "https://localhost/hook", "https://hooks.example.com/hook", "not a url"])(
    "leaves %s to the delivery's check",
    (url) => {
      expect(privateAddressOf(url)).toBeNull();
    },
  );
});
