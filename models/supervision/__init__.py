"""督查督办: items from every source tracked from 立项 to 归档, the 三色 ladder, 督办单, 催办 and the 督查通报."""
