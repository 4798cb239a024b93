"""The city running the portal (自治体): its name, office, contact, logo, reference prefix.

Data edited by the office in the admin, so that another municipality runs the same code
(DESIGN: everything city-specific is data). Everything else reads it through `city()`.
"""
