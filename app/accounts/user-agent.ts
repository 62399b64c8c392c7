// "Chrome 131 on macOS" from a User-Agent header, for the list of sessions (pure). Deliberately
// small: the common browsers and systems, and a plain "Unknown browser" otherwise.
const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/OPR\/(\d+)/, "Opera"],
  [/Firefox\/(\d+)/, "Firefox"],
  [/FxiOS\/(\d+)/, "Firefox"],
  [/CriOS\/(\d+)/, "Chrome"],
  [/(?:Chrome|Chromium)\/(\d+)/, "Chrome"],
  [/Version\/(\d+)[\d.]*.*Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPod/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows NT/, "Windows"],
  [/CrOS/, "ChromeOS"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return "Unknown browser";
  const browser = BROWSERS.map(([re, name]) => { const m = re.exec(ua); return m ? `${name} ${m[1]}` : null; }).find(Boolean) ?? "Unknown browser";
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/** The approximate place of an address: IPv4 truncated to /24, IPv6 to /48. Never the full address. */
export function truncateIp(ip: string | null | undefined): string | null {
  if (!ip || ip === "unknown") return null;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!ip.includes(":")) return null;
  const [head = "", tail = ""] = ip.split("::");
  const groups = head ? head.split(":") : [];
  const missing = 8 - groups.length - (tail ? tail.split(":").length : 0);
  const full = [...groups, ...(ip.includes("::") ? Array(Math.max(missing, 0)).fill("0") : []), ...(tail ? tail.split(":") : [])];
  const prefix = full.slice(0, 3).map((g) => (g || "0").toLowerCase().replace(/^0+(?=.)/, ""));
  return `${prefix.join(":")}::/48`;
}
