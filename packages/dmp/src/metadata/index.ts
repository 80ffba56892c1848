// XDS metadata derived from a PPS or Fiche RCP CDA (dmp-mes.md §1). Pure: Node and browser.
export {};
