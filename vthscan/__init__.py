"""vthscan: self-assessment for the Dutch VTH system (vergunningverlening, toezicht en handhaving)."""
