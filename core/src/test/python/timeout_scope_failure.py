"""CPython twin of DeadlineVerdictTest's failAfter-with-a-failing-child scenario.

`async with asyncio.timeout(t): async with TaskGroup() as tg:` where the deadline cancels a
child whose cleanup raises: the child's failure propagates out of the timeout block (as an
ExceptionGroup); it is not replaced by TimeoutError, and it is not hidden.
"""
import asyncio


async def main():
    trace = []

    async def child():
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            trace.append("child: cancelled, cleanup raises")
            raise ValueError("cleanup failed")

    try:
        async with asyncio.timeout(0.02):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child())
        trace.append("block finished")
    except TimeoutError:
        trace.append("block timed out")
    except ExceptionGroup as group:
        failures = [str(e) for e in group.exceptions]
        trace.append(f"block raised the child's failures: {failures}")
    trace.append(f"task still cancelled: {asyncio.current_task().cancelling() > 0}")
    for line in trace:
        print(line)


asyncio.run(main())
