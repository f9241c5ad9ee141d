// Keeps the bugs OBJECT library non-empty even with no module folders, and
// gives tools one symbol to check that the catalogue was linked in.
namespace locklab::detail {
int catalogue_anchor = 0;
}
