// Local DMP simulator and MSSanté sink (dmp-mes.md §5).
export {};
