SELECT load.ask('tallies');
