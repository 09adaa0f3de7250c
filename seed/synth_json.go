package seed

import "github.com/casenode/casenode/casefile"

// The JSON shapes of the synthetic document and definitions, with the fields
// the generator fills (casefile's model carries no JSON tags of its own).

type linkJSON struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

type documentOut struct {
	Identifier         string     `json:"identifier"`
	URI                string     `json:"uri"`
	CaseVersion        string     `json:"caseVersion,omitempty"`
	Creator            string     `json:"creator"`
	Title              string     `json:"title"`
	LastChangeDateTime string     `json:"lastChangeDateTime"`
	Publisher          string     `json:"publisher,omitempty"`
	Description        string     `json:"description,omitempty"`
	Subject            []string   `json:"subject,omitempty"`
	SubjectURI         []linkJSON `json:"subjectURI,omitempty"`
	Language           string     `json:"language,omitempty"`
	Version            string     `json:"version,omitempty"`
	AdoptionStatus     string     `json:"adoptionStatus,omitempty"`
	LicenseURI         *linkJSON  `json:"licenseURI,omitempty"`
}

type subjectOut struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	HierarchyCode      string `json:"hierarchyCode"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type licenseOut struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description,omitempty"`
	LicenseText        string `json:"licenseText"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type itemTypeOut struct {
	Identifier         string `json:"identifier"`
	URI                string `json:"uri"`
	Title              string `json:"title"`
	Description        string `json:"description"`
	HierarchyCode      string `json:"hierarchyCode"`
	TypeCode           string `json:"typeCode,omitempty"`
	LastChangeDateTime string `json:"lastChangeDateTime"`
}

type definitionsOut struct {
	CFSubjects  []subjectOut  `json:"CFSubjects"`
	CFLicenses  []licenseOut  `json:"CFLicenses"`
	CFItemTypes []itemTypeOut `json:"CFItemTypes"`
}

func linkOut(l casefile.LinkURI) linkJSON { return linkJSON(l) }

func documentJSON(d casefile.Document) documentOut {
	out := documentOut{Identifier: d.Identifier, URI: d.URI, CaseVersion: d.CaseVersion, Creator: d.Creator,
		Title: d.Title, LastChangeDateTime: d.LastChangeDateTime, Publisher: d.Publisher, Description: d.Description,
		Subject: d.Subject, Language: d.Language, Version: d.Version, AdoptionStatus: d.AdoptionStatus}
	for _, l := range d.SubjectURI {
		out.SubjectURI = append(out.SubjectURI, linkOut(l))
	}
	if d.LicenseURI != nil {
		l := linkOut(*d.LicenseURI)
		out.LicenseURI = &l
	}
	return out
}

func definitionsJSON(d casefile.Definitions) definitionsOut {
	var out definitionsOut
	for _, s := range d.CFSubjects {
		out.CFSubjects = append(out.CFSubjects, subjectOut{s.Identifier, s.URI, s.Title, s.HierarchyCode, s.LastChangeDateTime})
	}
	for _, l := range d.CFLicenses {
		out.CFLicenses = append(out.CFLicenses, licenseOut{l.Identifier, l.URI, l.Title, l.Description, l.LicenseText, l.LastChangeDateTime})
	}
	for _, t := range d.CFItemTypes {
		out.CFItemTypes = append(out.CFItemTypes, itemTypeOut{t.Identifier, t.URI, t.Title, t.Description, t.HierarchyCode, t.TypeCode, t.LastChangeDateTime})
	}
	return out
}
