SELECT load.ask('nearest schools');
SELECT load.ask('daycare cap');
SELECT load.ask('tile');
