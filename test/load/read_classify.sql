\set a random(1, :classify)
SELECT load.ask('classify ' || :a);
SELECT load.ask('udsat lists');
