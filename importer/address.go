package importer

import (
	"net"
	"net/netip"
	"syscall"

	"github.com/casenode/casenode/casefile"
)

// Address ranges that are never public destinations, besides what netip's
// IsPrivate/IsLoopback/IsLinkLocal* already classify.
var reservedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach private IPv4
}

// privateAddress reports whether ip is private, loopback, link-local,
// unspecified, multicast or otherwise reserved.
func privateAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return true
	}
	for _, p := range reservedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// denyPrivateControl is the dialer Control hook: it runs after DNS resolution
// on the actual address being dialled, so a public name that resolves to a
// private address is refused too.
func denyPrivateControl(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return casefile.Errorf(casefile.Forbidden, "address %q refused", address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return casefile.Errorf(casefile.Forbidden, "address %q refused", address)
	}
	if privateAddress(ip) {
		return casefile.Errorf(casefile.Forbidden,
			"address %s is private, loopback or link-local; outbound requests to it are not allowed (a running node allows them when started with `casenode serve --allow-private-addresses`; a command run without a node takes --allow-private-addresses itself)", ip)
	}
	return nil
}
