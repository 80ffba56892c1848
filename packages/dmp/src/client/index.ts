// The DMP SOAP client (dmp-mes.md §2–3): TD0.2, ITI-41, ITI-18, ITI-57 with a signed VIHF. Node only.
export {};
