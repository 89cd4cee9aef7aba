import net from "node:net";

// TRUSTED_PROXY: comma-separated addresses or CIDRs. The client is the right-most X-Forwarded-For address that is
// not a trusted proxy, walking back from the socket address.
export function createClientIpResolver(trustedProxy: string) {
  const list = new net.BlockList();
  let any = false;
  for (const raw of trustedProxy.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const type = net.isIPv6(addr) ? "ipv6" : "ipv4";
    if (!net.isIP(addr)) continue;
    if (bits) list.addSubnet(addr, Number(bits), type);
    else list.addAddress(addr, type);
    any = true;
  }
  const normalize = (ip: string) => (ip.startsWith("::ffff:") && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip);
  const trusted = (ip: string) => {
    const type = net.isIPv6(ip) ? "ipv6" : net.isIPv4(ip) ? "ipv4" : undefined;
    return type !== undefined && list.check(ip, type);
  };
  return (socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string => {
    let ip = normalize(socketAddress ?? "");
    if (!any || !trusted(ip) || !forwardedFor) return ip;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map((s) => normalize(s.trim())).filter(Boolean);
    while (hops.length > 0 && trusted(ip)) ip = hops.pop()!;
    return ip;
  };
}
