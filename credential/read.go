package credential

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// SignatureNote is what every report says about proofs and JWT signatures.
const SignatureNote = "not verified: casenode reads what the credential says about its achievements; it does not check proofs or JWT signatures, nor who issued it"

// maxDepth bounds nesting (a ClrCredential holding credentials holding …).
const maxDepth = 4

// credential is what reading found.
type credential struct {
	kind, id, name, issuer, encoding string
	achievements                     []achievement
	notes                            []string
	alignments                       int
}

type achievement struct {
	id, name   string
	alignments []casefile.Alignment
}

// wire shapes, lenient: unknown members are ignored.
type wireDoc struct {
	Context           json.RawMessage   `json:"@context"`
	Type              json.RawMessage   `json:"type"`
	ID                string            `json:"id"`
	Name              string            `json:"name"`
	Issuer            json.RawMessage   `json:"issuer"`
	CredentialSubject json.RawMessage   `json:"credentialSubject"`
	VC                json.RawMessage   `json:"vc"` // VC-JWT payload claim
	Verifiable        []json.RawMessage `json:"verifiableCredential"`
	wireAchievement
}

type wireAchievement struct {
	ID                string          `json:"id"`
	Name              string          `json:"name"`
	Alignment         []wireAlignment `json:"alignment"`
	ResultDescription []struct {
		Alignment []wireAlignment `json:"alignment"`
		Levels    []struct {
			Alignment []wireAlignment `json:"alignment"`
		} `json:"rubricCriterionLevel"`
	} `json:"resultDescription"`
}

type wireSubject struct {
	Achievement json.RawMessage   `json:"achievement"` // object (OB 3.0) or array (CLR 2.0)
	Verifiable  []json.RawMessage `json:"verifiableCredential"`
	Result      []struct {
		Alignment []wireAlignment `json:"alignment"`
	} `json:"result"`
}

type wireAlignment struct {
	TargetName        string `json:"targetName"`
	TargetURL         string `json:"targetUrl"`
	TargetDescription string `json:"targetDescription"`
	TargetCode        string `json:"targetCode"`
	TargetFramework   string `json:"targetFramework"`
	TargetType        string `json:"targetType"`
}

// read parses a credential: JSON, or a compact JWT whose payload is read.
func (s *Service) read(body []byte) (*credential, error) {
	if len(body) > s.cfg.MaxBytes {
		return nil, casefile.Errorf(casefile.Invalid, "the credential is larger than %d bytes", s.cfg.MaxBytes)
	}
	c := &credential{encoding: "json"}
	raw := bytes.TrimSpace(body)
	if len(raw) > 0 && raw[0] != '{' {
		payload, err := jwtPayload(string(raw))
		if err != nil {
			return nil, err
		}
		raw, c.encoding = payload, "jwt"
	}
	if len(raw) == 0 {
		return nil, casefile.Errorf(casefile.Invalid, "the credential is empty")
	}
	if err := s.readDoc(c, raw, 0, true); err != nil {
		return nil, err
	}
	return c, nil
}

// jwtPayload decodes the payload of a compact JWS (header.payload.signature)
// without checking the signature.
func jwtPayload(tok string) ([]byte, error) {
	tok = strings.Trim(strings.TrimSpace(tok), `"`)
	parts := strings.Split(tok, ".")
	if len(parts) != 3 || parts[1] == "" {
		return nil, casefile.Errorf(casefile.Invalid, "the credential is neither a JSON object nor a compact JWT (header.payload.signature)")
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, casefile.Errorf(casefile.Invalid, "the JWT payload is not base64url: %v", err)
	}
	return b, nil
}

// readDoc reads one JSON document (a credential, presentation or
// achievement) into c. top is the outermost document (its kind and names
// describe the credential).
func (s *Service) readDoc(c *credential, raw []byte, depth int, top bool) error {
	if depth > maxDepth {
		c.note("credentials nested deeper than %d levels were not read", maxDepth)
		return nil
	}
	var d wireDoc
	if err := json.Unmarshal(raw, &d); err != nil {
		return casefile.Errorf(casefile.Invalid, "the credential is not valid JSON: %v", jsonError(err))
	}
	if len(d.VC) > 0 && d.VC[0] == '{' { // VC-JWT: the credential is the vc claim
		return s.readDoc(c, d.VC, depth+1, top)
	}
	types := stringSet(d.Type)
	kind := kindOf(types)
	if top {
		c.kind, c.id, c.name, c.issuer = kind, d.ID, d.Name, issuerName(d.Issuer)
	}
	switch kind {
	case "ClrCredential", "OpenBadgeCredential", "AchievementCredential":
		return s.readSubject(c, d.CredentialSubject, depth)
	case "VerifiablePresentation":
		return s.readCredentials(c, d.Verifiable, depth)
	case "Achievement":
		s.addAchievement(c, d.wireAchievement, nil)
		return nil
	}
	if top {
		return casefile.Errorf(casefile.Invalid, "type %s is not an OB 3.0 OpenBadgeCredential/AchievementCredential, an Achievement or a CLR 2.0 ClrCredential", typeList(types))
	}
	c.note("a nested document of type %s was skipped", typeList(types))
	return nil
}

// readSubject reads a credentialSubject: its achievement(s), the results'
// alignments and, for a CLR, the credentials it holds.
func (s *Service) readSubject(c *credential, raw json.RawMessage, depth int) error {
	var subj wireSubject
	if len(raw) > 0 && raw[0] == '[' { // some issuers send one subject in an array
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
			raw = list[0]
		}
	}
	if err := json.Unmarshal(raw, &subj); err != nil {
		return casefile.Errorf(casefile.Invalid, "credentialSubject is not an object: %v", jsonError(err))
	}
	var results []wireAlignment
	for _, r := range subj.Result {
		results = append(results, r.Alignment...)
	}
	switch a := bytes.TrimSpace(subj.Achievement); {
	case len(a) > 0 && a[0] == '{':
		var w wireAchievement
		if err := json.Unmarshal(a, &w); err != nil {
			return casefile.Errorf(casefile.Invalid, "credentialSubject.achievement: %v", jsonError(err))
		}
		s.addAchievement(c, w, results)
	case len(a) > 0 && a[0] == '[':
		var list []wireAchievement
		if err := json.Unmarshal(a, &list); err != nil {
			return casefile.Errorf(casefile.Invalid, "credentialSubject.achievement: %v", jsonError(err))
		}
		for _, w := range list {
			s.addAchievement(c, w, nil)
		}
	}
	return s.readCredentials(c, subj.Verifiable, depth)
}

// readCredentials reads nested credentials, JSON objects or JWT strings.
func (s *Service) readCredentials(c *credential, list []json.RawMessage, depth int) error {
	for _, raw := range list {
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '"' {
			var tok string
			if json.Unmarshal(raw, &tok) != nil {
				continue
			}
			payload, err := jwtPayload(tok)
			if err != nil {
				c.note("a nested credential string is not a JWT and was skipped")
				continue
			}
			raw = payload
		}
		if err := s.readDoc(c, raw, depth+1, false); err != nil {
			c.note("a nested credential was skipped: %s", casefile.ErrorMessage(err))
		}
	}
	return nil
}

// addAchievement keeps one achievement (once per id) with its alignments,
// within the service's limits.
func (s *Service) addAchievement(c *credential, w wireAchievement, extra []wireAlignment) {
	for _, have := range c.achievements {
		if w.ID != "" && have.id == w.ID {
			return
		}
	}
	if len(c.achievements) >= s.cfg.MaxAchievements {
		c.note("only the first %d achievements were read", s.cfg.MaxAchievements)
		return
	}
	a := achievement{id: w.ID, name: w.Name}
	all := append(append([]wireAlignment(nil), w.Alignment...), extra...)
	for _, rd := range w.ResultDescription {
		all = append(all, rd.Alignment...)
		for _, l := range rd.Levels {
			all = append(all, l.Alignment...)
		}
	}
	seen := map[string]bool{}
	for _, al := range all {
		key := al.TargetURL + "\x00" + al.TargetCode
		if seen[key] {
			continue
		}
		seen[key] = true
		if c.alignments >= s.cfg.MaxAlignments {
			c.note("only the first %d alignments were read", s.cfg.MaxAlignments)
			break
		}
		c.alignments++
		a.alignments = append(a.alignments, casefile.Alignment{Type: []string{"Alignment"}, TargetName: al.TargetName,
			TargetURL: al.TargetURL, TargetDescription: al.TargetDescription, TargetCode: al.TargetCode,
			TargetFramework: al.TargetFramework, TargetType: al.TargetType})
	}
	c.achievements = append(c.achievements, a)
}

func (c *credential) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	for _, have := range c.notes {
		if have == n {
			return
		}
	}
	c.notes = append(c.notes, n)
}

// kindOf names the most specific known type.
func kindOf(types map[string]bool) string {
	for _, k := range []string{"ClrCredential", "OpenBadgeCredential", "AchievementCredential", "VerifiablePresentation", "Achievement"} {
		if types[k] {
			return k
		}
	}
	return ""
}

// stringSet reads a JSON string or array of strings.
func stringSet(raw json.RawMessage) map[string]bool {
	out := map[string]bool{}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		out[one] = true
		return out
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		for _, v := range list {
			out[v] = true
		}
	}
	return out
}

func typeList(types map[string]bool) string {
	var l []string
	for t := range types {
		l = append(l, t)
	}
	if len(l) == 0 {
		return "(none)"
	}
	return strings.Join(l, ", ")
}

// issuerName reads an issuer given as a uri or a Profile.
func issuerName(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var p struct{ ID, Name string }
	if json.Unmarshal(raw, &p) == nil {
		return firstOf(p.Name, p.ID)
	}
	return ""
}

// jsonError is a short, path-free description of a JSON error.
func jsonError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case asErr(err, &se):
		return fmt.Sprintf("syntax error at byte %d", se.Offset)
	case asErr(err, &te):
		return fmt.Sprintf("%s has the wrong type (%s)", firstOf(te.Field, "a value"), te.Value)
	}
	return "malformed JSON"
}
