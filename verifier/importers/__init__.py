"""Turn tables others keep (infoboxes, spreadsheets) into sourced facts."""
