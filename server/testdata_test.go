package server

import (
	"github.com/casenode/casenode/casefile"
)

const stamp = "2024-03-01T10:00:00Z"

func link(title, name, path string) *casefile.LinkURI {
	return &casefile.LinkURI{Title: title, Identifier: id(name), URI: testBase + "/ims/case/v1p1/" + path + "/" + id(name)}
}

func node(title, name string) casefile.LinkGenURI {
	return casefile.LinkGenURI{Title: title, Identifier: id(name), URI: testBase + "/ims/case/v1p1/CFItems/" + id(name)}
}

// docSpec varies the documents used by the list tests.
type docSpec struct {
	name, title, creator, date, status string
	subjects                           []string
}

// testFramework builds a small but complete framework: a document with every
// optional field, three items in a tree, associations (one to an item of
// another framework), every kind of definition and a rubric.
func testFramework(d docSpec) *casefile.Package {
	n := func(s string) string { return d.name + "/" + s }
	doc := casefile.Document{Identifier: id(d.name), URI: testBase + "/ims/case/v1p1/CFDocuments/" + id(d.name),
		Creator: d.creator, Title: d.title, LastChangeDateTime: d.date, OfficialSourceURL: "https://example.org/" + d.name,
		Publisher: "Test Publisher", Description: "Framework " + d.title, Subject: d.subjects,
		SubjectURI: []casefile.LinkURI{*link("Mathematics", n("subject"), "CFSubjects")}, Language: "en",
		Version: "1", AdoptionStatus: d.status, StatusStartDate: "2020-01-01", StatusEndDate: "2030-12-31",
		LicenseURI: link("CC BY", n("license"), "CFLicenses"), Notes: "notes", FrameworkType: "Standards", CaseVersion: "1.1"}
	item := func(key, code, stmt string) casefile.Item {
		return casefile.Item{Identifier: id(n(key)), URI: testBase + "/ims/case/v1p1/CFItems/" + id(n(key)),
			FullStatement: stmt, AlternativeLabel: "alt " + code, CFItemType: "Standard", HumanCodingScheme: code,
			ListEnumeration: "1", AbbreviatedStatement: "abbr " + code, ConceptKeywords: []string{"number"},
			ConceptKeywordsURI: link("Number", n("concept"), "CFConcepts"), Notes: "n", Subject: []string{"Math"},
			SubjectURI: []casefile.LinkURI{*link("Mathematics", n("subject"), "CFSubjects")}, Language: "en",
			EducationLevel: []string{"03", "04"}, CFItemTypeURI: link("Standard", n("itemtype"), "CFItemTypes"),
			LicenseURI: link("CC BY", n("license"), "CFLicenses"), StatusStartDate: "2020-01-01", StatusEndDate: "2030-12-31",
			LastChangeDateTime: d.date}
	}
	seq := func(i int) *int { return &i }
	assoc := func(key, typ string, origin, dest casefile.LinkGenURI, s *int) casefile.Association {
		return casefile.Association{Identifier: id(n(key)), AssociationType: typ, SequenceNumber: s,
			URI: testBase + "/ims/case/v1p1/CFAssociations/" + id(n(key)), OriginNodeURI: origin, DestinationNodeURI: dest,
			CFAssociationGroupingURI: link("Group", n("grouping"), "CFAssociationGroupings"), LastChangeDateTime: d.date, Notes: "why"}
	}
	docNode := casefile.LinkGenURI{Title: d.title, Identifier: doc.Identifier, URI: doc.URI}
	p := &casefile.Package{CFDocument: doc, Version: casefile.V1p1}
	p.CFItems = []casefile.Item{item("root", "M.1", "Numbers"), item("child", "M.1.a", "Count to **100**."), item("lone", "M.2", "Add $1+1$.")}
	p.CFAssociations = []casefile.Association{
		assoc("a-root", casefile.IsChildOf, node("M.1", n("root")), docNode, seq(1)),
		assoc("a-child", casefile.IsChildOf, node("M.1.a", n("child")), node("M.1", n("root")), seq(1)),
		assoc("a-lone", casefile.IsChildOf, node("M.2", n("lone")), docNode, seq(2)),
		assoc("a-ext", casefile.ExactMatchOf, node("M.1.a", n("child")), node("Other", "other-framework/item"), nil),
	}
	p.CFDefinitions = casefile.Definitions{
		CFConcepts: []casefile.Concept{{Identifier: id(n("concept")), URI: link("", n("concept"), "CFConcepts").URI, Title: "Number",
			Keywords: "number|count", HierarchyCode: "1", Description: "d", LastChangeDateTime: d.date}},
		CFSubjects: []casefile.Subject{{Identifier: id(n("subject")), URI: link("", n("subject"), "CFSubjects").URI, Title: "Mathematics",
			HierarchyCode: "1", Description: "d", LastChangeDateTime: d.date}},
		CFLicenses: []casefile.License{{Identifier: id(n("license")), URI: link("", n("license"), "CFLicenses").URI, Title: "CC BY",
			Description: "d", LicenseText: "Attribution", LastChangeDateTime: d.date}},
		CFItemTypes: []casefile.ItemType{{Identifier: id(n("itemtype")), URI: link("", n("itemtype"), "CFItemTypes").URI, Title: "Standard",
			Description: "d", HierarchyCode: "1", TypeCode: "std", LastChangeDateTime: d.date}},
		CFAssociationGroupings: []casefile.AssociationGrouping{{Identifier: id(n("grouping")), URI: link("", n("grouping"), "CFAssociationGroupings").URI,
			Title: "Group", Description: "d", LastChangeDateTime: d.date}},
	}
	w, pos, score := 1.0, 1, 2.0
	p.CFRubrics = []casefile.Rubric{{Identifier: id(n("rubric")), URI: link("", n("rubric"), "CFRubrics").URI, Title: "Rubric",
		Description: "d", LastChangeDateTime: d.date, CFRubricCriteria: []casefile.RubricCriterion{{
			Identifier: id(n("criterion")), URI: link("", n("criterion"), "CFRubricCriteria").URI, Category: "c", Description: "d",
			CFItemURI: link("M.1", n("root"), "CFItems"), Weight: &w, Position: &pos, RubricID: id(n("rubric")), LastChangeDateTime: d.date,
			CFRubricCriterionLevels: []casefile.RubricCriterionLevel{{Identifier: id(n("level")), URI: link("", n("level"), "CFRubricCriterionLevels").URI,
				Description: "d", Quality: "good", Score: &score, Feedback: "f", Position: &pos, RubricCriterionID: id(n("criterion")), LastChangeDateTime: d.date}},
		}}}}
	return p
}

// testDocs are the documents of the list tests.
var testDocs = []docSpec{
	{name: "alpha", title: "Alpha Mathematics", creator: "State A", date: "2021-05-01T00:00:00Z", status: "Adopted", subjects: []string{"Math", "Algebra"}},
	{name: "bravo", title: "bravo science", creator: "State B", date: "2022-06-01T00:00:00Z", status: "Draft", subjects: []string{"Science"}},
	{name: "charlie", title: "Charlie English", creator: "State A", date: "2023-07-01T00:00:00Z", status: "adopted", subjects: []string{"ELA"}},
	{name: "delta", title: "Delta Math Practices", creator: "Agency D", date: "2020-01-15T00:00:00Z", status: "Deprecated", subjects: []string{"Math"}},
	{name: "echo", title: "Échos d'histoire", creator: "Agency E", date: "2024-02-29T12:00:00Z", status: "Adopted", subjects: []string{"History", "Civics", "Geography"}},
}

func importTestDocs(e *testEnv) {
	for _, d := range testDocs {
		e.importPackage(testFramework(d))
	}
}
