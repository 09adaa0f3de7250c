package store

import "github.com/casenode/casenode/casefile"

// Conversions between casefile values and stored form version 1.

func toLinkV1(l *casefile.LinkURI) *linkV1 {
	if l == nil {
		return nil
	}
	v := linkV1(*l)
	return &v
}

func fromLinkV1(l *linkV1) *casefile.LinkURI {
	if l == nil {
		return nil
	}
	v := casefile.LinkURI(*l)
	return &v
}

func toLinksV1(ls []casefile.LinkURI) []linkV1 {
	if ls == nil {
		return nil
	}
	out := make([]linkV1, len(ls))
	for i, l := range ls {
		out[i] = linkV1(l)
	}
	return out
}

func fromLinksV1(ls []linkV1) []casefile.LinkURI {
	if ls == nil {
		return nil
	}
	out := make([]casefile.LinkURI, len(ls))
	for i, l := range ls {
		out[i] = casefile.LinkURI(l)
	}
	return out
}

func toCommonV1(c casefile.Common) commonV1 {
	return commonV1{Extensions: c.Extensions, Unknown: c.Unknown, OriginalIdentifier: c.OriginalIdentifier}
}

func (c commonV1) casefile() casefile.Common {
	return casefile.Common{Extensions: c.Extensions, Unknown: c.Unknown, OriginalIdentifier: c.OriginalIdentifier}
}

func toDocumentV1(d *casefile.Document) *documentV1 {
	return &documentV1{Identifier: d.Identifier, URI: d.URI, FrameworkType: d.FrameworkType, CaseVersion: d.CaseVersion,
		Creator: d.Creator, Title: d.Title, LastChangeDateTime: d.LastChangeDateTime, OfficialSourceURL: d.OfficialSourceURL,
		Publisher: d.Publisher, Description: d.Description, Subject: d.Subject, SubjectURI: toLinksV1(d.SubjectURI),
		Language: d.Language, Version: d.Version, AdoptionStatus: d.AdoptionStatus, StatusStartDate: d.StatusStartDate,
		StatusEndDate: d.StatusEndDate, LicenseURI: toLinkV1(d.LicenseURI), Notes: d.Notes,
		CFPackageURI: toLinkV1(d.CFPackageURI), commonV1: toCommonV1(d.Common)}
}

func (d *documentV1) casefile() casefile.Document {
	return casefile.Document{Identifier: d.Identifier, URI: d.URI, FrameworkType: d.FrameworkType, CaseVersion: d.CaseVersion,
		Creator: d.Creator, Title: d.Title, LastChangeDateTime: d.LastChangeDateTime, OfficialSourceURL: d.OfficialSourceURL,
		Publisher: d.Publisher, Description: d.Description, Subject: d.Subject, SubjectURI: fromLinksV1(d.SubjectURI),
		Language: d.Language, Version: d.Version, AdoptionStatus: d.AdoptionStatus, StatusStartDate: d.StatusStartDate,
		StatusEndDate: d.StatusEndDate, LicenseURI: fromLinkV1(d.LicenseURI), Notes: d.Notes,
		CFPackageURI: fromLinkV1(d.CFPackageURI), Common: d.commonV1.casefile()}
}

func toItemV1(it *casefile.Item) *itemV1 {
	return &itemV1{Identifier: it.Identifier, FullStatement: it.FullStatement, AlternativeLabel: it.AlternativeLabel,
		CFItemType: it.CFItemType, URI: it.URI, HumanCodingScheme: it.HumanCodingScheme, ListEnumeration: it.ListEnumeration,
		AbbreviatedStatement: it.AbbreviatedStatement, ConceptKeywords: it.ConceptKeywords,
		ConceptKeywordsURI: toLinkV1(it.ConceptKeywordsURI), Notes: it.Notes, Subject: it.Subject,
		SubjectURI: toLinksV1(it.SubjectURI), Language: it.Language, EducationLevel: it.EducationLevel,
		CFItemTypeURI: toLinkV1(it.CFItemTypeURI), LicenseURI: toLinkV1(it.LicenseURI), StatusStartDate: it.StatusStartDate,
		StatusEndDate: it.StatusEndDate, LastChangeDateTime: it.LastChangeDateTime,
		CFDocumentURI: toLinkV1(it.CFDocumentURI), commonV1: toCommonV1(it.Common)}
}

func (it *itemV1) casefile() casefile.Item {
	return casefile.Item{Identifier: it.Identifier, FullStatement: it.FullStatement, AlternativeLabel: it.AlternativeLabel,
		CFItemType: it.CFItemType, URI: it.URI, HumanCodingScheme: it.HumanCodingScheme, ListEnumeration: it.ListEnumeration,
		AbbreviatedStatement: it.AbbreviatedStatement, ConceptKeywords: it.ConceptKeywords,
		ConceptKeywordsURI: fromLinkV1(it.ConceptKeywordsURI), Notes: it.Notes, Subject: it.Subject,
		SubjectURI: fromLinksV1(it.SubjectURI), Language: it.Language, EducationLevel: it.EducationLevel,
		CFItemTypeURI: fromLinkV1(it.CFItemTypeURI), LicenseURI: fromLinkV1(it.LicenseURI), StatusStartDate: it.StatusStartDate,
		StatusEndDate: it.StatusEndDate, LastChangeDateTime: it.LastChangeDateTime,
		CFDocumentURI: fromLinkV1(it.CFDocumentURI), Common: it.commonV1.casefile()}
}

func toAssociationV1(a *casefile.Association) *associationV1 {
	return &associationV1{Identifier: a.Identifier, AssociationType: a.AssociationType, SequenceNumber: a.SequenceNumber,
		URI: a.URI, OriginNodeURI: genLinkV1(a.OriginNodeURI), DestinationNodeURI: genLinkV1(a.DestinationNodeURI),
		CFAssociationGroupingURI: toLinkV1(a.CFAssociationGroupingURI), LastChangeDateTime: a.LastChangeDateTime,
		Notes: a.Notes, CFDocumentURI: toLinkV1(a.CFDocumentURI), commonV1: toCommonV1(a.Common)}
}

func (a *associationV1) casefile() casefile.Association {
	return casefile.Association{Identifier: a.Identifier, AssociationType: a.AssociationType, SequenceNumber: a.SequenceNumber,
		URI: a.URI, OriginNodeURI: casefile.LinkGenURI(a.OriginNodeURI), DestinationNodeURI: casefile.LinkGenURI(a.DestinationNodeURI),
		CFAssociationGroupingURI: fromLinkV1(a.CFAssociationGroupingURI), LastChangeDateTime: a.LastChangeDateTime,
		Notes: a.Notes, CFDocumentURI: fromLinkV1(a.CFDocumentURI), Common: a.commonV1.casefile()}
}

func toConceptV1(c *casefile.Concept) *conceptV1 {
	return &conceptV1{Identifier: c.Identifier, URI: c.URI, Title: c.Title, Keywords: c.Keywords, HierarchyCode: c.HierarchyCode,
		Description: c.Description, LastChangeDateTime: c.LastChangeDateTime, commonV1: toCommonV1(c.Common)}
}

func (c *conceptV1) casefile() casefile.Concept {
	return casefile.Concept{Identifier: c.Identifier, URI: c.URI, Title: c.Title, Keywords: c.Keywords, HierarchyCode: c.HierarchyCode,
		Description: c.Description, LastChangeDateTime: c.LastChangeDateTime, Common: c.commonV1.casefile()}
}

func toSubjectV1(s *casefile.Subject) *subjectV1 {
	return &subjectV1{Identifier: s.Identifier, URI: s.URI, Title: s.Title, HierarchyCode: s.HierarchyCode,
		Description: s.Description, LastChangeDateTime: s.LastChangeDateTime, commonV1: toCommonV1(s.Common)}
}

func (s *subjectV1) casefile() casefile.Subject {
	return casefile.Subject{Identifier: s.Identifier, URI: s.URI, Title: s.Title, HierarchyCode: s.HierarchyCode,
		Description: s.Description, LastChangeDateTime: s.LastChangeDateTime, Common: s.commonV1.casefile()}
}

func toLicenseV1(l *casefile.License) *licenseV1 {
	return &licenseV1{Identifier: l.Identifier, URI: l.URI, Title: l.Title, Description: l.Description,
		LicenseText: l.LicenseText, LastChangeDateTime: l.LastChangeDateTime, commonV1: toCommonV1(l.Common)}
}

func (l *licenseV1) casefile() casefile.License {
	return casefile.License{Identifier: l.Identifier, URI: l.URI, Title: l.Title, Description: l.Description,
		LicenseText: l.LicenseText, LastChangeDateTime: l.LastChangeDateTime, Common: l.commonV1.casefile()}
}

func toItemTypeV1(t *casefile.ItemType) *itemTypeV1 {
	return &itemTypeV1{Identifier: t.Identifier, URI: t.URI, Title: t.Title, Description: t.Description,
		HierarchyCode: t.HierarchyCode, TypeCode: t.TypeCode, LastChangeDateTime: t.LastChangeDateTime, commonV1: toCommonV1(t.Common)}
}

func (t *itemTypeV1) casefile() casefile.ItemType {
	return casefile.ItemType{Identifier: t.Identifier, URI: t.URI, Title: t.Title, Description: t.Description,
		HierarchyCode: t.HierarchyCode, TypeCode: t.TypeCode, LastChangeDateTime: t.LastChangeDateTime, Common: t.commonV1.casefile()}
}

func toGroupingV1(g *casefile.AssociationGrouping) *groupingV1 {
	return &groupingV1{Identifier: g.Identifier, URI: g.URI, Title: g.Title, Description: g.Description,
		LastChangeDateTime: g.LastChangeDateTime, commonV1: toCommonV1(g.Common)}
}

func (g *groupingV1) casefile() casefile.AssociationGrouping {
	return casefile.AssociationGrouping{Identifier: g.Identifier, URI: g.URI, Title: g.Title, Description: g.Description,
		LastChangeDateTime: g.LastChangeDateTime, Common: g.commonV1.casefile()}
}
