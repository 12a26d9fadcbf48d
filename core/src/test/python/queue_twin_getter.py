"""The getter both queue twins run: it records what it got and where it was cancelled."""
import asyncio


async def getter(q, name, trace):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        trace.append(f"{name} cancelled in get")
        raise
    trace.append(f"{name} got {item}")
    try:
        await asyncio.sleep(0)
        trace.append(f"{name} not cancelled")
    except asyncio.CancelledError:
        trace.append(f"{name} then cancelled at the next checkpoint")
        raise
