package sheet

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/casenode/casenode/casefile"
)

// Definitions travel as one row per object: its class (CFItemTypes,
// CFSubjects, CFLicenses, CFConcepts, CFAssociationGroupings) and its CASE
// JSON. The workbook has them in sheet "CF Definitions"; the CSV in
// "#definition,CLASS,JSON" lines before the header.
var definitionClasses = []string{"CFConcepts", "CFSubjects", "CFLicenses", "CFItemTypes", "CFAssociationGroupings"}

// definitionRows lists a package's definitions as (class, JSON) pairs.
func definitionRows(d *casefile.Definitions) ([][2]string, error) {
	var out [][2]string
	add := func(class string) func([]byte, error) error {
		return func(b []byte, err error) error {
			if err != nil {
				return err
			}
			out = append(out, [2]string{class, string(b)})
			return nil
		}
	}
	v := casefile.V1p1
	for i := range d.CFConcepts {
		if err := add("CFConcepts")(casefile.MarshalConcept(&d.CFConcepts[i], v)); err != nil {
			return nil, err
		}
	}
	for i := range d.CFSubjects {
		if err := add("CFSubjects")(casefile.MarshalSubject(&d.CFSubjects[i], v)); err != nil {
			return nil, err
		}
	}
	for i := range d.CFLicenses {
		if err := add("CFLicenses")(casefile.MarshalLicense(&d.CFLicenses[i], v)); err != nil {
			return nil, err
		}
	}
	for i := range d.CFItemTypes {
		if err := add("CFItemTypes")(casefile.MarshalItemType(&d.CFItemTypes[i], v)); err != nil {
			return nil, err
		}
	}
	for i := range d.CFAssociationGroupings {
		if err := add("CFAssociationGroupings")(casefile.MarshalAssociationGrouping(&d.CFAssociationGroupings[i], v)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// definitionSet collects definition rows read from a sheet.
type definitionSet map[string][]json.RawMessage

func (ds definitionSet) add(where, class, js string, p *problems) {
	c := ""
	for _, k := range definitionClasses {
		if strings.EqualFold(k, strings.TrimSpace(class)) {
			c = k
		}
	}
	if c == "" {
		p.add(where, "unknown definition class %q", class)
		return
	}
	if !json.Valid([]byte(js)) || !strings.HasPrefix(strings.TrimSpace(js), "{") {
		p.add(where, "not a JSON object")
		return
	}
	ds[c] = append(ds[c], json.RawMessage(js))
}

// definitions reads the collected rows with the import path's own decoder
// (inside a minimal package), so they are normalised like any definitions;
// one without a lastChangeDateTime gets now.
func (ds definitionSet) definitions(name, now string) (casefile.Definitions, error) {
	if len(ds) == 0 {
		return casefile.Definitions{}, nil
	}
	var b bytes.Buffer
	b.WriteString(`{"CFDocument":{"identifier":"00000000-0000-4000-8000-000000000000","uri":"urn:x","creator":"x","title":"x","lastChangeDateTime":"` + now + `"},"CFItems":[],"CFAssociations":[],"CFDefinitions":`)
	enc, err := json.Marshal(ds)
	if err != nil {
		return casefile.Definitions{}, err
	}
	b.Write(enc)
	b.WriteString(`}`)
	pkg, _, err := casefile.Decode(&b, casefile.DecodeOptions{})
	if err != nil {
		return casefile.Definitions{}, invalid("%s: the definitions are not valid CASE: %s", name, casefile.ErrorMessage(err))
	}
	return pkg.CFDefinitions, nil
}
