package casefile

// PeerCredentials are the OAuth 2.0 client credentials this node presents to a
// peer that requires them (client_credentials grant). They are stored with the
// peer and never shown in API output.
type PeerCredentials struct {
	TokenURL     string `json:"tokenUrl"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"-"`
	Scope        string `json:"scope,omitempty"`
}

// Empty reports whether no credentials are set.
func (c PeerCredentials) Empty() bool { return c.TokenURL == "" && c.ClientID == "" }
