package main

import (
	"github.com/casenode/casenode/importer"
)

// allowPrivateFlag adds the one switch of the outbound address rule,
// --allow-private-addresses (a node setting of serve, env
// CASENODE_ALLOW_PRIVATE_ADDRESSES): every
// fetch (URL import, peers, link resolution) may then reach private,
// loopback and link-local addresses. --allow-private-peers is its old name.
func (f *flags) allowPrivateFlag() *bool {
	p := f.Bool("allow-private-addresses", false,
		"let outbound requests (URL import, peers, link resolution) reach private, loopback and link-local addresses")
	f.BoolVar(p, "allow-private-peers", *p, "old name of --allow-private-addresses")
	return p
}

// outboundClient is the node's one guarded outbound HTTP client; its body
// cap is the import limit (--max-import-mb), the one that bounds decoding.
func outboundClient(allowPrivate bool, maxBytes int64) *importer.Client {
	return importer.NewClient(importer.ClientOptions{AllowPrivate: allowPrivate,
		MaxBytes: maxBytes, UserAgent: "casenode/" + version})
}
