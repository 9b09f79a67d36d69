"""Live "as it stands": an RMonitor timing feed in; the provisional classification, the live standings
and the title state out at every change of order, on the terminal, the API and broadcast overlays.

An edge package (it reads the network and the disk): :mod:`~podium.live.rmonitor` (the protocol),
:mod:`~podium.live.feed` (the running order and the reconnecting client), :mod:`~podium.live.state`
(the maths as it stands), :mod:`~podium.live.follow` (the loop, proofs off it), :mod:`~podium.live.hub`
(publication), :mod:`~podium.live.replay` (a stored session as a feed). Live state is never written
into the store as a result.
"""
