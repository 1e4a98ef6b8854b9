// The staff console's small enhancements; every page works without this script.
