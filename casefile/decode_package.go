package casefile

import "encoding/json"

// pkgResult is what decoding one package object gives: the package when it is
// valid, its warnings, and its problems (total counts those not kept).
type pkgResult struct {
	pkg      *Package
	warnings []Warning
	problems []Problem
	total    int
}

// pkgDecode is the state of one package object being read.
type pkgDecode struct {
	p     *Package
	st    *decodeState
	seen  map[string]bool
	inner *pkgResult // the package inside a {"CFPackage": …} wrapper
}

// packageObject decodes one package object whose '{' was just read, then
// normalises and validates it. A fatal read error is returned as err; an
// invalid package gives problems.
func (s *stream) packageObject(path string) (pkgResult, error) {
	st := &decodeState{baseURL: s.opt.BaseURL, r: &report{}, limits: s.opt.Limits.WithDefaults(), strs: &internTable{}}
	d := &pkgDecode{p: &Package{}, st: st, seen: map[string]bool{}}
	for s.dec.More() {
		s.path = path
		tok, err := s.dec.Token()
		if err != nil {
			return pkgResult{}, err
		}
		key, _ := tok.(string)
		d.seen[key] = true
		s.path = path + "." + key
		if err := s.packageMember(d, key, path); err != nil {
			return pkgResult{}, err
		}
	}
	if _, err := s.dec.Token(); err != nil { // '}'
		return pkgResult{}, err
	}
	if d.inner != nil {
		if d.seen["CFDocument"] {
			return pkgResult{}, notPackage(path, "both a CFPackage wrapper and a CFDocument")
		}
		return d.unwrap(path), nil
	}
	if !d.seen["CFDocument"] {
		return pkgResult{}, notPackage(path, whatIsIt(d.seen))
	}
	return finishPackage(d.p, d.st, path), nil
}

// packageMember reads the value of one top-level member of a package.
func (s *stream) packageMember(d *pkgDecode, key, path string) error {
	kp := path + "." + key
	p, st := d.p, d.st
	switch key {
	case "CFPackage":
		res, err := s.wrapped(kp)
		d.inner = &res
		return err
	case "CFItems":
		var err error
		p.CFItems, err = array(s, kp, st, p.CFItems, (*decodeState).item)
		return err
	case "CFAssociations":
		var err error
		p.CFAssociations, err = array(s, kp, st, p.CFAssociations, (*decodeState).association)
		return err
	}
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		return err
	}
	switch key {
	case "CFDocument":
		if m, ok := splitObject(raw); ok {
			if st.admit(m, kp) {
				p.CFDocument = st.document(m, kp)
			}
		} else {
			st.r.problem(kp, "must be an object")
		}
	case "CFDefinitions":
		p.CFDefinitions = st.definitions(raw, kp)
	case "CFRubrics":
		st.objects(raw, kp, func(m map[string]json.RawMessage, ep string) {
			p.CFRubrics = append(p.CFRubrics, st.rubric(m, ep))
		})
	default:
		s.member(p, st, key, raw, path)
	}
	return nil
}

// unwrap returns the wrapped package, with the wrapper's warnings first and
// any members beside the wrapper kept as unknown.
func (d *pkgDecode) unwrap(path string) pkgResult {
	inner := *d.inner
	d.st.r.warn(path+".CFPackage", "{\"CFPackage\": …} wrapper removed")
	inner.warnings = append(d.st.r.warnings, inner.warnings...)
	if inner.pkg == nil || len(d.p.Unknown) == 0 {
		return inner
	}
	if inner.pkg.Unknown == nil {
		inner.pkg.Unknown = Fields{}
	}
	for k, v := range d.p.Unknown {
		if _, clash := inner.pkg.Unknown[k]; !clash {
			inner.pkg.Unknown[k] = v
		}
	}
	return inner
}

// wrapped decodes the object inside a {"CFPackage": …} wrapper.
func (s *stream) wrapped(path string) (pkgResult, error) {
	tok, err := s.dec.Token()
	if err != nil {
		return pkgResult{}, err
	}
	if tok != json.Delim('{') {
		return pkgResult{}, notPackage(path, "CFPackage must be an object")
	}
	return s.packageObject(path)
}

// member handles a top-level package member other than the CASE classes.
func (s *stream) member(p *Package, st *decodeState, key string, raw json.RawMessage, path string) {
	kp := path + "." + key
	if limit := st.limits.MaxExtensionBytes; len(raw) > limit && key != "CFPackageURI" && key != "CFDocumentURI" {
		st.r.problem(kp, overLimit("package member "+key, len(raw), limit, "--max-extension-bytes"))
		return
	}
	switch key {
	case "extensions":
		f := st.fields(map[string]json.RawMessage{"extensions": raw}, path)
		f.extensions(&p.Common)
	case "CFPackageURI", "CFDocumentURI":
		st.r.warn(kp, key+" dropped: a package carries no "+key)
	default:
		if len(raw) > 0 && raw[0] != 'n' {
			if p.Unknown == nil {
				p.Unknown = Fields{}
			}
			p.Unknown[key] = raw
			st.r.warn(kp, "unknown member "+key+" kept as an extension")
		}
	}
}

// whatIsIt names what an object without CFDocument looks like.
func whatIsIt(seen map[string]bool) string {
	switch {
	case seen["CFDocuments"]:
		return "this is a CFDocuments list (GET /CFDocuments), not a CFPackage"
	case seen["CFItem"] && seen["CFAssociations"]:
		return "this is a CFItemAssociations response, not a CFPackage"
	case seen["CFConcepts"], seen["CFSubjects"], seen["CFItemTypes"]:
		return "this is a definitions list, not a CFPackage"
	case seen["fullStatement"]:
		return "this is a single CFItem, not a CFPackage"
	case seen["associationType"]:
		return "this is a single CFAssociation, not a CFPackage"
	case seen["creator"] || seen["CFPackageURI"]:
		return "this is a single CFDocument, not a CFPackage (fetch /CFPackages/{id})"
	case seen["imsx_codeMajor"]:
		return "this is a CASE error response (imsx_StatusInfo), not a CFPackage"
	}
	return "not a CFPackage: the CFDocument member is missing"
}
