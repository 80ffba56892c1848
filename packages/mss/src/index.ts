// MSSanté sending of a PPS or Fiche RCP (dmp-mes.md §4).
export {};
