// A file the generator no longer produces.
class Stale {}
